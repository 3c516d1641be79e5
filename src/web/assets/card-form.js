/* global document, window */
// What the two card forms share (card login, signing an application): messages from the page in its
// language, the error summary linked to the field it is about (as the server-rendered forms do),
// problem details in the page's language and JSON requests to the API. Loaded before
// resident-login.js and apply-sign.js, which each call window.onestopCardForm once.
(function () {
  'use strict';
  var PIN_CODES = ['signatures.pin_incorrect', 'signatures.pin_locked', 'signatures.invalid_pin'];

  /** form: the card form; ids: the element ids of its error summary, status line, PIN field and PIN error. */
  window.onestopCardForm = function (form, ids) {
    var errors = document.getElementById(ids.errors);
    var status = document.getElementById(ids.status);
    var pin = document.getElementById(ids.pin);
    var pinError = document.getElementById(ids.pinError);
    var lang = form.getAttribute('data-lang') === 'en' ? 'en' : 'ja';
    var csrfInput = form.querySelector('input[name="_csrf"]');
    var csrf = csrfInput ? csrfInput.value : null;

    function msg(name) {
      return form.getAttribute('data-msg-' + name) || '';
    }

    function clearErrors() {
      errors.className = '';
      errors.removeAttribute('role');
      errors.textContent = '';
      pinError.hidden = true;
      pinError.textContent = '';
      pin.removeAttribute('aria-invalid');
    }

    /** field: 'pin' or 'cards' (the card choice); locked: add the link to the FAQ entry on PIN lockouts. */
    function showError(text, field, locked) {
      status.textContent = '';
      errors.textContent = '';
      errors.className = 'error-summary';
      errors.setAttribute('role', 'alert');
      var h = document.createElement('h2');
      h.textContent = msg('title');
      var ul = document.createElement('ul');
      var li = document.createElement('li');
      var a = document.createElement('a');
      a.href = '#' + (field === 'pin' ? pin.id : 'cards');
      a.textContent = text;
      li.appendChild(a);
      ul.appendChild(li);
      errors.appendChild(h);
      errors.appendChild(ul);
      // A locked PIN is undone only at the municipal counter: say how, in the FAQ (/help).
      var helpHref = form.getAttribute('data-help-locked');
      if (locked && helpHref) {
        var p = document.createElement('p');
        var help = document.createElement('a');
        help.href = helpHref;
        help.textContent = msg('locked-help');
        p.appendChild(help);
        errors.appendChild(p);
      }
      if (field === 'pin') {
        pinError.textContent = text;
        pinError.hidden = false;
        pin.setAttribute('aria-invalid', 'true');
      }
      errors.focus();
    }

    function problemText(problem, fallback) {
      if (!problem) return fallback;
      return (lang === 'ja' ? problem.detailJa : problem.detail) || problem.detail || fallback;
    }

    /** Resolves to { ok, json } (json null when the answer is not JSON). */
    function request(method, url, body, headers) {
      var h = { accept: 'application/json' };
      if (csrf) h['x-csrf-token'] = csrf;
      if (body) h['content-type'] = 'application/json';
      for (var name in headers || {}) h[name] = headers[name];
      return fetch(url, { method: method, credentials: 'same-origin', headers: h, body: body ? JSON.stringify(body) : undefined }).then(function (response) {
        return response
          .json()
          .catch(function () {
            return null;
          })
          .then(function (json) {
            return { ok: response.ok, json: json };
          });
      });
    }

    /** The card refused: a wrong or locked PIN belongs to the PIN field, anything else to the card. */
    function cardRefusal(json) {
      var onPin = Boolean(json && PIN_CODES.indexOf(json.code) >= 0);
      return { text: problemText(json, msg('network')), field: onPin ? 'pin' : 'cards', locked: Boolean(json && json.code === 'signatures.pin_locked') };
    }

    /** After a failed step: the form can be sent again, the PIN is never kept. */
    function failed(problem, button) {
      button.disabled = false;
      pin.value = '';
      showError(problem && problem.text ? problem.text : msg('network'), problem && problem.field, problem && problem.locked);
    }

    return { msg: msg, clearErrors: clearErrors, showError: showError, problemText: problemText, request: request, cardRefusal: cardRefusal, failed: failed, status: status, pin: pin };
  };
})();
