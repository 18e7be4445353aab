// "Your claim so far" on a claim's step, kept up to date as people type. Progressive
// enhancement only: the server works out every amount (payments/calculation.py), both for the
// page and for this script, which only asks it (GET, saves nothing) and shows the answer.
// Without JavaScript the box shows the claim as last saved, and the next page shows the rest.
(function () {
  "use strict";
  var form = document.querySelector("form[data-so-far-url]");
  var box = document.getElementById("claim-so-far");
  if (!form || !box || !window.fetch) { return; }
  var body = box.querySelector("[data-so-far-body]");
  var timer = null;
  var asked = 0;

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined) { node.textContent = text; }
    return node;
  }

  function row(key, value, strong) {
    var div = element("div", "govuk-summary-list__row");
    div.appendChild(element("dt", "govuk-summary-list__key", key));
    var dd = element("dd", "govuk-summary-list__value");
    dd.appendChild(strong ? element("strong", "", value) : document.createTextNode(value));
    div.appendChild(dd);
    return div;
  }

  function show(result) {
    body.textContent = "";
    if (result.problems.length) {
      body.appendChild(element("p", "govuk-body", result.problems.join(" ")));
      return;
    }
    var list = element("dl", "govuk-summary-list govuk-summary-list--no-border");
    result.lines.forEach(function (line) { list.appendChild(row(line.description, line.amount)); });
    list.appendChild(row("Total", result.total, true));
    body.appendChild(list);
  }

  function ask() {
    var params = new URLSearchParams();
    new FormData(form).forEach(function (value, name) {
      if (name !== "csrfmiddlewaretoken" && typeof value === "string") { params.append(name, value); }
    });
    var mine = ++asked;
    fetch(form.getAttribute("data-so-far-url") + "&" + params.toString(),
          {credentials: "same-origin", headers: {"Accept": "application/json"}})
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (result) { if (result && mine === asked) { show(result); } })
      .catch(function () { /* the page still works: the next step shows the amounts */ });
  }

  function soon() {
    window.clearTimeout(timer);
    timer = window.setTimeout(ask, 300);
  }
  form.addEventListener("input", soon);
  form.addEventListener("change", soon);
})();
