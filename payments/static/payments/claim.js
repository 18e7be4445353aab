// Works out a claim's total as people type. Progressive enhancement only: without JavaScript
// the "Work out my total" button does the same on the server, which has the final word.
(function () {
  "use strict";
  var form = document.querySelector("form[data-policy]");
  if (!form) { return; }
  var policy = JSON.parse(form.getAttribute("data-policy"));
  var output = document.getElementById("claim-running-total");

  function number(name) {
    var field = form.elements[name];
    var value = field ? parseFloat(field.value) : NaN;
    return isNaN(value) || value < 0 ? 0 : value;
  }
  function value(name) {
    var field = form.elements[name];
    if (!field) { return ""; }
    if (field.length !== undefined && field.tagName !== "SELECT") {
      for (var i = 0; i < field.length; i++) { if (field[i].checked) { return field[i].value; } }
      return "";
    }
    return field.value;
  }
  function pence(x) { return Math.round(x * 100); }

  function timeAmount() {
    var rate = policy.activities[value("activity_type")];
    var choice = value("payment_choice");
    if (!rate || !rate.paid || choice === "none") { return 0; }
    var hours = number("hours"), full;
    if (rate.unit === "hour") { full = pence(rate.amount * hours); }
    else if (rate.unit === "fixed") { full = pence(rate.amount); }
    else { full = hours > 0 ? pence(rate.amount * Math.max(1, Math.ceil(hours / rate.unit_hours))) : 0; }
    if (choice === "less") { return Math.min(pence(number("less_amount")), full); }
    if (choice === "vouchers") {
      var each = policy.vouchers[value("voucher_option")];
      return each ? Math.ceil(full / pence(each)) * pence(each) : full;
    }
    return full;
  }

  function costs() {
    var total = 0;
    for (var n = 1; n <= 3; n++) {
      var expense = policy.expenses[value("expense_" + n + "_type")];
      if (!expense) { continue; }
      if (expense.kind === "mileage") {
        total += pence((expense.per_mile || 0) * number("expense_" + n + "_miles"));
      } else {
        var paid = pence(number("expense_" + n + "_amount"));
        total += expense.cap === null ? paid : Math.min(paid, pence(expense.cap));
      }
    }
    return total;
  }

  function show() {
    var time = timeAmount(), spent = costs();
    var pounds = function (p) { return "£" + (p / 100).toFixed(2); };
    output.textContent = "Your claim so far: " + pounds(time) + " for your time and " +
      pounds(spent) + " for costs. Total " + pounds(time + spent) + ".";
  }
  output.hidden = false;
  form.addEventListener("input", show);
  form.addEventListener("change", show);
  show();
})();
