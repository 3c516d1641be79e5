/* global document, window */
// Signing an application in the browser (with card login, the only place the platform needs
// JavaScript): read the card's signature certificate, get from the server what the card must sign
// (the DigestInfo of CAdES signed attributes over the application and its attachment digests), ask
// the demo's test card to sign it with the PIN (a real JPKI client would do the same), and send the
// pieces with an idempotency key fixed when the page was drawn, so a retry never applies twice.
// A one-stop bundle (data-drafts: the draft ids) is the same with the bundle's signing payload and
// submit: one signature over all of them, then the page listing each application's receipt.
(function () {
  'use strict';
  var note = document.getElementById('sign-js-note');
  if (note) note.hidden = true;
  var form = document.getElementById('sign-form');
  if (!form) return;
  var errors = document.getElementById('sign-errors');
  var status = document.getElementById('sign-status');
  var pin = document.getElementById('sign-pin');
  var pinError = document.getElementById('sign-pin-error');
  var button = form.querySelector('button[type="submit"]');
  var lang = form.getAttribute('data-lang') === 'en' ? 'en' : 'ja';
  var draft = form.getAttribute('data-draft');
  var drafts = form.getAttribute('data-drafts');
  var draftIds = drafts ? drafts.split(',') : null;
  var key = form.getAttribute('data-key');
  var csrf = form.querySelector('input[name="_csrf"]').value;

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
    a.href = '#' + (fieldId === 'pin' ? 'sign-pin' : 'cards');
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

  function request(method, url, body, headers) {
    var h = { accept: 'application/json', 'x-csrf-token': csrf };
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

  form.addEventListener('submit', function (event) {
    event.preventDefault();
    clearErrors();
    var chosen = form.querySelector('input[name="cardId"]:checked');
    if (!chosen) return showError(msg('card'), 'cards');
    if (!/^[A-Za-z0-9]{6,16}$/.test(pin.value)) return showError(msg('pin'), 'pin');
    var card = '/pki/test/cards/' + encodeURIComponent(chosen.value) + '/signature/';
    var api = draftIds ? '/api/v1/applications/bundles' : '/api/v1/applications/drafts/' + encodeURIComponent(draft) + '/submit';
    var payloadUrl = draftIds ? api + '/signing-payload' : '/api/v1/applications/drafts/' + encodeURIComponent(draft) + '/signing-payload';
    var certificate;
    var payload;
    button.disabled = true;
    status.textContent = msg('working');
    request('GET', card + 'certificate')
      .then(function (r) {
        if (!r.ok) throw { text: problemText(r.json, msg('network')) };
        certificate = r.json.certificate;
        return request('POST', payloadUrl, draftIds ? { draftIds: draftIds, certificate: certificate } : { certificate: certificate });
      })
      .then(function (r) {
        if (!r.ok) throw { text: problemText(r.json, msg('network')) };
        payload = r.json;
        return request('POST', card + 'sign', { digestInfo: payload.toBeSigned.digestInfo, pin: pin.value });
      })
      .then(function (r) {
        if (!r.ok) {
          var code = r.json && r.json.code;
          var onPin = code === 'signatures.pin_incorrect' || code === 'signatures.pin_locked' || code === 'signatures.invalid_pin';
          throw { text: problemText(r.json, msg('network')), field: onPin ? 'pin' : 'cards' };
        }
        var pieces = { signedAttributes: payload.toBeSigned.signedAttributes, signatureValue: r.json.signature, certificate: certificate };
        if (draftIds) pieces.draftIds = draftIds;
        else pieces.method = 'signed';
        return request('POST', api, pieces, { 'idempotency-key': key });
      })
      .then(function (r) {
        if (!r.ok) throw { text: problemText(r.json, msg('network')) };
        if (draftIds) window.location.assign('/applications/bundles/sent/' + encodeURIComponent(r.json.bundleId));
        else window.location.assign('/applications/' + encodeURIComponent(r.json.id) + '?sent=1');
      })
      .catch(function (problem) {
        button.disabled = false;
        pin.value = '';
        showError(problem && problem.text ? problem.text : msg('network'), problem && problem.field);
      });
  });
})();
