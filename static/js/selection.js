// Turns a text selection inside the article body into character offsets for the
// "add a statement" form. Every text segment carries data-start (its offset in the text).
(function () {
  "use strict";
  var body = document.getElementById("article-text");
  var form = document.getElementById("add-mention");
  if (!body || !form) return;
  var preview = document.getElementById("selection-preview");

  function offsetOf(node, offset) {
    var el = node.nodeType === Node.TEXT_NODE ? node.parentElement : node;
    if (!el || !body.contains(el)) return null;
    var seg = el.closest("[data-start]");
    if (!seg) return null;
    return parseInt(seg.getAttribute("data-start"), 10) + (node.nodeType === Node.TEXT_NODE ? offset : 0);
  }

  document.addEventListener("selectionchange", function () {
    var sel = window.getSelection();
    if (!sel || sel.rangeCount === 0 || sel.isCollapsed) return;
    var range = sel.getRangeAt(0);
    var start = offsetOf(range.startContainer, range.startOffset);
    var end = offsetOf(range.endContainer, range.endOffset);
    if (start === null || end === null || end <= start) return;
    form.elements.start.value = start;
    form.elements.end.value = end;
    if (preview) preview.textContent = "Selected: \u201c" + sel.toString().slice(0, 200) + "\u201d";
  });
})();
