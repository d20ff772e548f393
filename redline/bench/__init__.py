"""Benchmarks: synthetic data at scale, bulk loading, throughput, load tests and memory."""
