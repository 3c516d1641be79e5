/* global document, window */
// Card login in the browser (the one place the platform needs JavaScript): fetch a challenge, ask
// the demo's test card to sign its DigestInfo with the PIN (a real card reader app would do the
// same), send the signature, then open the folder. Messages come from the page, in its language.
(function () {
  'use strict';
  var note = document.getElementById('login-js-note');
  if (note) note.hidden = true;
  var form = document.getElementById('card-login');
  if (!form) return;
  var errors = document.getElementById('login-errors');
  var status = document.getElementById('login-status');
  var pin = document.getElementById('pin');
  var pinError = document.getElementById('pin-error');
  var button = form.querySelector('button[type="submit"]');
  var lang = form.getAttribute('data-lang') === 'en' ? 'en' : 'ja';

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

  // The error summary, linked to the field it is about (as the server-rendered forms do).
  function showError(text, fieldId) {
    status.textContent = '';
    errors.textContent = '';
    errors.className = 'error-summary';
    errors.setAttribute('role', 'alert');
    var h = document.createElement('h2');
    h.textContent = msg('title');
    var ul = document.createElement('ul');
    var li = document.createElement('li');
    var a = document.createElement('a');
    a.href = '#' + (fieldId || 'cards');
    a.textContent = text;
    li.appendChild(a);
    ul.appendChild(li);
    errors.appendChild(h);
    errors.appendChild(ul);
    if (fieldId === 'pin') {
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

  function postJson(url, body) {
    return fetch(url, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(body),
    }).then(function (response) {
      return response
        .json()
        .catch(function () {
          return null;
        })
        .then(function (json) {
          return { ok: response.ok, status: response.status, json: json };
        });
    });
  }

  function safeNext(value) {
    return typeof value === 'string' && value.charAt(0) === '/' && value.charAt(1) !== '/' && value.indexOf('\\') < 0 ? value : '/me';
  }

  form.addEventListener('submit', function (event) {
    event.preventDefault();
    clearErrors();
    var chosen = form.querySelector('input[name="cardId"]:checked');
    if (!chosen) return showError(msg('card'), 'cards');
    if (!/^[0-9]{4}$/.test(pin.value)) return showError(msg('pin'), 'pin');
    var card = '/pki/test/cards/' + encodeURIComponent(chosen.value) + '/authentication/';
    var challenge;
    button.disabled = true;
    status.textContent = msg('working');
    postJson('/api/v1/auth/resident/challenge', {})
      .then(function (r) {
        if (!r.ok) throw { text: problemText(r.json, msg('network')) };
        challenge = r.json;
        return postJson(card + 'sign', { digestInfo: challenge.digestInfo, pin: pin.value });
      })
      .then(function (r) {
        if (!r.ok) {
          var code = r.json && r.json.code;
          var onPin = code === 'signatures.pin_incorrect' || code === 'signatures.pin_locked' || code === 'signatures.invalid_pin';
          throw { text: problemText(r.json, msg('network')), field: onPin ? 'pin' : 'cards' };
        }
        var signature = r.json.signature;
        return fetch(card + 'certificate', { credentials: 'same-origin', headers: { accept: 'application/json' } })
          .then(function (response) {
            if (!response.ok) throw { text: msg('network') };
            return response.json();
          })
          .then(function (cert) {
            return postJson('/api/v1/auth/resident/login', { nonce: challenge.nonce, certificate: cert.certificate, signature: signature });
          });
      })
      .then(function (r) {
        if (!r.ok) throw { text: problemText(r.json, msg('network')) };
        status.textContent = msg('done');
        window.location.assign(safeNext(form.getAttribute('data-next')));
      })
      .catch(function (problem) {
        button.disabled = false;
        pin.value = '';
        showError(problem && problem.text ? problem.text : msg('network'), problem && problem.field);
      });
  });
})();
