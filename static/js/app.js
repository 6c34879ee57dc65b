/* Alliance dashboards: small progressive enhancements. Every page works without this file;
   with it, copy buttons copy, long work reports progress without reloading, inline forms save
   in place and the language menu applies at once. */
(function () {
  "use strict";
  document.documentElement.classList.add("js");

  function ready(callback) {
    if (document.readyState !== "loading") callback();
    else document.addEventListener("DOMContentLoaded", callback);
  }

  function announce(element, text) {
    var live = element.querySelector("[data-live]") || document.getElementById("live-region");
    if (!live) {
      live = document.createElement("p");
      live.id = "live-region";
      live.className = "visually-hidden";
      live.setAttribute("role", "status");
      document.body.appendChild(live);
    }
    live.textContent = text;
  }

  // <button data-copy="#id">: copy the element's value (input, textarea) or text.
  function copy(button) {
    var target = document.querySelector(button.getAttribute("data-copy"));
    if (!target) return;
    var text = "value" in target ? target.value : target.textContent;
    var done = function () {
      var original = button.getAttribute("data-label") || button.textContent;
      button.setAttribute("data-label", original);
      button.textContent = button.getAttribute("data-copied") || document.documentElement.getAttribute("data-copied") || "✓";
      announce(button, button.textContent);
      setTimeout(function () { button.textContent = original; }, 1600);
    };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(done, function () { fallback(); });
    } else {
      fallback();
    }
    function fallback() {
      if (target.select) { target.select(); } else {
        var range = document.createRange();
        range.selectNodeContents(target);
        var selection = window.getSelection();
        selection.removeAllRanges();
        selection.addRange(range);
      }
      try { document.execCommand("copy"); done(); } catch (error) { /* the text stays selected */ }
    }
  }

  // <div data-progress-url="..."> with <progress> and [data-progress-label]: poll until done.
  function poll(box) {
    var url = box.getAttribute("data-progress-url");
    var bar = box.querySelector("progress");
    var label = box.querySelector("[data-progress-label]");
    var delay = 1000;
    function tick() {
      fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
        .then(function (response) { if (!response.ok) throw new Error(response.status); return response.json(); })
        .then(function (state) {
          if (bar) { bar.value = state.progress; bar.textContent = Math.round(state.progress * 100) + "%"; }
          if (label && state.label) label.textContent = state.label;
          if (state.done) { window.location.reload(); return; }
          delay = 1000;
          setTimeout(tick, delay);
        })
        .catch(function () { delay = Math.min(delay * 2, 15000); setTimeout(tick, delay); });
    }
    setTimeout(tick, delay);
  }

  // <form data-inline>: submit with fetch and replace the closest [data-inline-root] with the
  // answer (the server sends the fragment when the request has the X-Inline header).
  function submitInline(form, event) {
    event.preventDefault();
    var root = form.closest("[data-inline-root]") || form;
    var button = form.querySelector("button[type=submit], button:not([type])");
    if (button) button.disabled = true;
    fetch(form.action, {
      method: "POST",
      body: new FormData(form),
      headers: { "X-Inline": "1" },
      credentials: "same-origin",
    })
      .then(function (response) {
        return response.text().then(function (html) {
          if (response.status >= 500 || !html) throw new Error(response.status);
          var holder = document.createElement("tbody");
          holder.innerHTML = html.trim();
          var fresh = holder.firstElementChild;
          if (root.tagName !== "TR") {
            holder = document.createElement("div");
            holder.innerHTML = html.trim();
            fresh = holder.firstElementChild;
          }
          root.replaceWith(fresh);
          var focus = fresh.querySelector("[aria-invalid=true]") || fresh.querySelector("[data-inline] input:not([type=hidden])");
          var saved = fresh.querySelector("[data-saved]");
          if (saved) announce(fresh, saved.textContent);
          if (focus && response.status >= 400) focus.focus();
        });
      })
      .catch(function () { form.removeAttribute("data-inline"); form.submit(); });
  }

  // <input data-lookup="url" list="id">: typing fills the datalist with the server's matches
  // (the server still reads whatever is typed; this only saves typing).
  var lookups = {};
  function suggest(input) {
    var list = document.getElementById(input.getAttribute("list"));
    var text = input.value.trim();
    if (!list || text.length < 1) return;
    clearTimeout(lookups[input.id]);
    lookups[input.id] = setTimeout(function () {
      var url = input.getAttribute("data-lookup") + "?q=" + encodeURIComponent(text);
      fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
        .then(function (response) { if (!response.ok) throw new Error(response.status); return response.json(); })
        .then(function (answer) {
          list.textContent = "";
          answer.results.forEach(function (choice) {
            var option = document.createElement("option");
            option.value = choice.value;
            option.label = choice.label;
            list.appendChild(option);
          });
        })
        .catch(function () { /* typing still works without suggestions */ });
    }, 200);
  }

  ready(function () {
    document.addEventListener("click", function (event) {
      var button = event.target.closest("[data-copy]");
      if (button) { event.preventDefault(); copy(button); }
      if (event.target.closest("[data-print]")) window.print();
    });
    document.addEventListener("input", function (event) {
      if (event.target.matches("input[data-lookup]")) suggest(event.target);
    });
    document.addEventListener("submit", function (event) {
      var form = event.target;
      if (form.hasAttribute("data-inline")) submitInline(form, event);
      var question = form.getAttribute("data-confirm");
      if (question && !window.confirm(question)) event.preventDefault();
    });
    document.addEventListener("change", function (event) {
      if (event.target.matches("select[data-autosubmit]")) event.target.form.submit();
    });
    Array.prototype.forEach.call(document.querySelectorAll("[data-progress-url]"), poll);
    // On a phone the menu starts folded; on wider screens it is always shown.
    if (window.matchMedia("(max-width: 760px)").matches) {
      Array.prototype.forEach.call(document.querySelectorAll(".sidenav-toggle"), function (menu) {
        menu.removeAttribute("open");
      });
    }
  });
})();
