// The receipt page: ask before leaving until the tipster says the code is written down. The page works without
// this script; it only adds the browser's "leave this page?" question. No inline script (strict CSP).
(function () {
  "use strict";
  var page = document.querySelector(".receipt");
  var kept = document.getElementById("code-kept");
  if (!page) { return; }
  window.addEventListener("beforeunload", function (event) {
    if (kept && kept.checked) { return; }
    event.preventDefault();
    // Browsers show their own words; older ones need a return value.
    event.returnValue = page.getAttribute("data-leave-warning") || "";
    return event.returnValue;
  });
}());
