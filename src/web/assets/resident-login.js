/* global document, window */
import { safeLocalPath } from './local-path.js';

// Card login in the browser (the one place the platform needs JavaScript): fetch a challenge, ask
// the demo's test card to sign its DigestInfo with the PIN (a real card reader app would do the
// same), send the signature, then open the folder. Messages come from the page, in its language;
// the error summary and requests are card-form.js's. A module, so that where it goes afterwards is
// checked by the very function the server uses (local-path.js).
(function () {
  'use strict';
  var note = document.getElementById('login-js-note');
  if (note) note.hidden = true;
  var form = document.getElementById('card-login');
  if (!form) return;
  var ui = window.onestopCardForm(form, { errors: 'login-errors', status: 'login-status', pin: 'pin', pinError: 'pin-error' });
  var msg = ui.msg;
  var button = form.querySelector('button[type="submit"]');

  form.addEventListener('submit', function (event) {
    event.preventDefault();
    ui.clearErrors();
    var chosen = form.querySelector('input[name="cardId"]:checked');
    if (!chosen) return ui.showError(msg('card'), 'cards');
    if (!/^[0-9]{4}$/.test(ui.pin.value)) return ui.showError(msg('pin'), 'pin');
    var card = '/pki/test/cards/' + encodeURIComponent(chosen.value) + '/authentication/';
    var challenge;
    var signature;
    button.disabled = true;
    ui.status.textContent = msg('working');
    ui.request('POST', '/api/v1/auth/resident/challenge', {})
      .then(function (r) {
        if (!r.ok) throw { text: ui.problemText(r.json, msg('network')) };
        challenge = r.json;
        return ui.request('POST', card + 'sign', { digestInfo: challenge.digestInfo, pin: ui.pin.value });
      })
      .then(function (r) {
        if (!r.ok) throw ui.cardRefusal(r.json);
        signature = r.json.signature;
        return ui.request('GET', card + 'certificate');
      })
      .then(function (r) {
        if (!r.ok) throw { text: msg('network') };
        return ui.request('POST', '/api/v1/auth/resident/login', { nonce: challenge.nonce, certificate: r.json.certificate, signature: signature });
      })
      .then(function (r) {
        if (!r.ok) throw { text: ui.problemText(r.json, msg('network')) };
        ui.status.textContent = msg('done');
        window.location.assign(safeLocalPath(form.getAttribute('data-next'), '/me'));
      })
      .catch(function (problem) {
        ui.failed(problem, button);
      });
  });
})();
