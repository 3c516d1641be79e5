/* global document, window */
// Signing an application in the browser (with card login, the only place the platform needs
// JavaScript): read the card's signature certificate, get from the server what the card must sign
// (the DigestInfo of CAdES signed attributes over the application and its attachment digests), ask
// the demo's test card to sign it with the PIN (a real JPKI client would do the same), and send the
// pieces with an idempotency key fixed when the page was drawn, so a retry never applies twice.
// A one-stop bundle (data-drafts: the draft ids) is the same with the bundle's signing payload and
// submit: one signature over all of them, then the page listing each application's receipt.
// The error summary and requests are card-form.js's.
(function () {
  'use strict';
  var note = document.getElementById('sign-js-note');
  if (note) note.hidden = true;
  var form = document.getElementById('sign-form');
  if (!form) return;
  var ui = window.onestopCardForm(form, { errors: 'sign-errors', status: 'sign-status', pin: 'sign-pin', pinError: 'sign-pin-error' });
  var msg = ui.msg;
  var button = form.querySelector('button[type="submit"]');
  var draft = form.getAttribute('data-draft');
  var drafts = form.getAttribute('data-drafts');
  var draftIds = drafts ? drafts.split(',') : null;
  var key = form.getAttribute('data-key');

  form.addEventListener('submit', function (event) {
    event.preventDefault();
    ui.clearErrors();
    var chosen = form.querySelector('input[name="cardId"]:checked');
    if (!chosen) return ui.showError(msg('card'), 'cards');
    if (!/^[A-Za-z0-9]{6,16}$/.test(ui.pin.value)) return ui.showError(msg('pin'), 'pin');
    var card = '/pki/test/cards/' + encodeURIComponent(chosen.value) + '/signature/';
    var api = draftIds ? '/api/v1/applications/bundles' : '/api/v1/applications/drafts/' + encodeURIComponent(draft) + '/submit';
    var payloadUrl = draftIds ? api + '/signing-payload' : '/api/v1/applications/drafts/' + encodeURIComponent(draft) + '/signing-payload';
    var certificate;
    var payload;
    button.disabled = true;
    ui.status.textContent = msg('working');
    ui.request('GET', card + 'certificate')
      .then(function (r) {
        if (!r.ok) throw { text: ui.problemText(r.json, msg('network')) };
        certificate = r.json.certificate;
        return ui.request('POST', payloadUrl, draftIds ? { draftIds: draftIds, certificate: certificate } : { certificate: certificate });
      })
      .then(function (r) {
        if (!r.ok) throw { text: ui.problemText(r.json, msg('network')) };
        payload = r.json;
        return ui.request('POST', card + 'sign', { digestInfo: payload.toBeSigned.digestInfo, pin: ui.pin.value });
      })
      .then(function (r) {
        if (!r.ok) throw ui.cardRefusal(r.json);
        var pieces = { signedAttributes: payload.toBeSigned.signedAttributes, signatureValue: r.json.signature, certificate: certificate };
        if (draftIds) pieces.draftIds = draftIds;
        else pieces.method = 'signed';
        return ui.request('POST', api, pieces, { 'idempotency-key': key });
      })
      .then(function (r) {
        if (!r.ok) throw { text: ui.problemText(r.json, msg('network')) };
        if (draftIds) window.location.assign('/applications/bundles/sent/' + encodeURIComponent(r.json.bundleId));
        else window.location.assign('/applications/' + encodeURIComponent(r.json.id) + '?sent=1');
      })
      .catch(function (problem) {
        ui.failed(problem, button);
      });
  });
})();
