// quickwin dashboard: the only script, served from our own origin (the
// Content-Security-Policy allows no inline script and no other origin).
// Telegram puts the Mini App's initData and theme in the address's
// fragment (#tgWebAppData=…&tgWebAppThemeParams=…), so Telegram's own
// telegram-web-app.js is not needed.
(function () {
  "use strict";
  var store = window.sessionStorage;
  function get(k) { try { return store.getItem(k); } catch (e) { return null; } }
  function put(k, v) { try { store.setItem(k, v); } catch (e) {} }

  var hash = new URLSearchParams(location.hash.slice(1));
  if (hash.get("tgWebAppData")) put("qw.initData", hash.get("tgWebAppData"));
  if (hash.get("tgWebAppThemeParams")) put("qw.theme", hash.get("tgWebAppThemeParams"));

  // Theme colours: bg_color → --tg-theme-bg-color, and so on.
  try {
    var theme = JSON.parse(get("qw.theme") || "{}");
    Object.keys(theme).forEach(function (k) {
      if (/^[a-z_]+$/.test(k) && /^#[0-9a-fA-F]{3,8}$/.test(theme[k])) {
        document.documentElement.style.setProperty("--tg-theme-" + k.replace(/_/g, "-"), theme[k]);
      }
    });
  } catch (e) {}

  document.addEventListener("DOMContentLoaded", function () {
    var body = document.body;
    // Sign in with the initData once per initData: a refused one (expired,
    // replayed) must not loop.
    var initData = get("qw.initData");
    if (body.dataset.signin && initData && get("qw.tried") !== initData) {
      put("qw.tried", initData);
      var form = document.createElement("form");
      form.method = "post";
      form.action = body.dataset.home + "auth";
      [["init_data", initData], ["next", location.pathname + location.search]].forEach(function (f) {
        var input = document.createElement("input");
        input.type = "hidden"; input.name = f[0]; input.value = f[1];
        form.appendChild(input);
      });
      body.appendChild(form);
      form.submit();
      return;
    }
    // The month selector applies at once.
    document.querySelectorAll("select[data-autosubmit]").forEach(function (s) {
      s.addEventListener("change", function () { s.form.submit(); });
    });
    // Rakor: arrow keys, page keys and space move between slides.
    if (body.dataset.keys) {
      document.addEventListener("keydown", function (e) {
        var id = { ArrowRight: "next", PageDown: "next", " ": "next", ArrowLeft: "prev", PageUp: "prev" }[e.key];
        var a = id && document.getElementById(id);
        if (a) { e.preventDefault(); location.href = a.href; }
      });
    }
  });
})();
