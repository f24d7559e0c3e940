/* Portal Kinerja ASN: small enhancements. Every page works without this file. */
(function () {
  "use strict";

  /* With this script running, buttons that only serve browsers without JavaScript (a
     "Tampilkan" beside a select that updates by itself) are hidden: see .js .js-hidden. */
  document.documentElement.classList.add("js");

  /* A copy button for a tracking code: shown only where the browser can copy; without it the
     code is plain selectable text. */
  function wireCopyButtons(root) {
    root.querySelectorAll("button[data-salin]").forEach(function (button) {
      if (button.dataset.salinReady || !navigator.clipboard) { return; }
      button.dataset.salinReady = "1";
      button.hidden = false;
      var status = document.getElementById(button.getAttribute("aria-describedby"));
      button.addEventListener("click", function () {
        navigator.clipboard.writeText(button.dataset.salin).then(function () {
          if (status) { status.textContent = button.dataset.salinOk; }
        }, function () {
          if (status) { status.textContent = button.dataset.salinGagal; }
        });
      });
    });
  }

  /* The complaint form: an anonymous report keeps no name or contact, so hide those fields
     while "anonim" is chosen (without JavaScript the form says they are ignored). */
  function wireIdentity(root) {
    var details = root.querySelector("fieldset.identity-details");
    var radios = root.querySelectorAll("input[type=radio][name=identitas]");
    if (!details || !radios.length) { return; }
    function update() {
      var chosen = root.querySelector("input[type=radio][name=identitas]:checked");
      details.hidden = !!chosen && chosen.value === "anonim";
    }
    radios.forEach(function (radio) { radio.addEventListener("change", update); });
    update();
  }

  function wire(root) {
    wireCopyButtons(root);
    wireIdentity(root);
  }

  document.addEventListener("DOMContentLoaded", function () { wire(document); });
  document.addEventListener("htmx:load", function (event) { wire(event.target); });
})();
