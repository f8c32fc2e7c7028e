// claimscan report: renders a document's units when it is opened, and applies the filters.
// Every text from the documents goes through textContent or createTextNode, never through
// innerHTML; the filter state lives in the address's fragment so a view can be shared.
(() => {
  'use strict';
  const data = JSON.parse(document.getElementById('report-data').textContent);
  const labels = data.labels;
  const documentsById = new Map(data.documents.map((d) => [String(d.id), d]));
  const form = document.getElementById('filter-form');
  const statusLine = document.getElementById('filter-status');
  // doc id -> [{unit, element, marks, chips}] once the document has been opened.
  const rendered = new Map();

  // A unit is [index, kind, page, text, hedged, actors, claims]; a claim is
  // [label, score, claim_id, row].
  const UNIT = { index: 0, kind: 1, page: 2, text: 3, hedged: 4, actors: 5, claims: 6 };
  const CLAIM = { label: 0, score: 1, id: 2, row: 3 };

  const defaults = () => ({
    labels: new Set(labels), doc: '', actor: '', min: 0, max: 1, hedged: false, only: false,
  });

  function element(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function labelClass(label) {
    return 'l' + (label % data.colours);
  }

  function formatScore(score) {
    return score === null ? 'no score' : score.toFixed(2);
  }

  // ---- filter state: form <-> object <-> fragment ----

  function readForm() {
    const state = defaults();
    state.labels = new Set([...form.querySelectorAll('input[name=label]:checked')].map((i) => i.value));
    state.doc = form.elements.doc.value;
    state.actor = form.elements.actor.value;
    state.min = clampScore(form.elements.min.value, 0);
    state.max = clampScore(form.elements.max.value, 1);
    state.hedged = form.elements.hedged.checked;
    state.only = form.elements.only.checked;
    return state;
  }

  function clampScore(text, fallback) {
    const value = Number.parseFloat(text);
    return Number.isFinite(value) ? Math.min(1, Math.max(0, value)) : fallback;
  }

  function writeForm(state) {
    for (const input of form.querySelectorAll('input[name=label]')) {
      input.checked = state.labels.has(input.value);
    }
    form.elements.doc.value = documentsById.has(state.doc) ? state.doc : '';
    form.elements.actor.value = state.actor;
    if (form.elements.actor.value !== state.actor) form.elements.actor.value = '';
    form.elements.min.value = String(state.min);
    form.elements.max.value = String(state.max);
    form.elements.hedged.checked = state.hedged;
    form.elements.only.checked = state.only;
  }

  function toFragment(state) {
    const params = new URLSearchParams();
    if (state.labels.size !== labels.length) params.set('labels', [...state.labels].join(','));
    if (state.doc) params.set('doc', state.doc);
    if (state.actor) params.set('actor', state.actor);
    if (state.min > 0) params.set('min', String(state.min));
    if (state.max < 1) params.set('max', String(state.max));
    if (state.hedged) params.set('hedged', '1');
    if (state.only) params.set('only', '1');
    return params.toString();
  }

  // A fragment with filters has '='; one without is a plain anchor (#overview, #doc-3).
  function isFilterFragment(hash) {
    return hash.length === 0 || hash.includes('=');
  }

  function fromFragment(hash) {
    const params = new URLSearchParams(hash);
    const state = defaults();
    if (params.has('labels')) {
      state.labels = new Set(params.get('labels').split(',').filter((l) => labels.includes(l)));
    }
    state.doc = params.get('doc') || '';
    state.actor = params.get('actor') || '';
    state.min = clampScore(params.get('min'), 0);
    state.max = clampScore(params.get('max'), 1);
    state.hedged = params.get('hedged') === '1';
    state.only = params.get('only') === '1';
    return state;
  }

  function narrowsClaims(state) {
    return state.labels.size !== labels.length || state.actor !== '' || state.min > 0 ||
      state.max < 1 || state.hedged;
  }

  function claimMatches(state, unit, claim) {
    const score = claim[CLAIM.score] === null ? 0 : claim[CLAIM.score];
    return state.labels.has(labels[claim[CLAIM.label]]) &&
      score >= state.min && score <= state.max &&
      (!state.hedged || unit[UNIT.hedged] === 1) &&
      (state.actor === '' || unit[UNIT.actors].includes(state.actor));
  }

  // ---- rendering a document's units ----

  function renderUnits(details) {
    const id = details.dataset.doc;
    if (rendered.has(id)) return;
    const doc = documentsById.get(id);
    const container = details.querySelector('.units');
    const fragment = document.createDocumentFragment();
    const entries = [];
    let page = null;
    for (const unit of doc.units) {
      if (unit[UNIT.page] !== null && unit[UNIT.page] !== page) {
        page = unit[UNIT.page];
        fragment.appendChild(element('p', 'page', 'Page ' + page));
      }
      const entry = renderUnit(doc, unit);
      entries.push(entry);
      fragment.appendChild(entry.element);
    }
    if (doc.units.length === 0) fragment.appendChild(element('p', 'note', 'No text.'));
    container.replaceChildren(fragment);
    rendered.set(id, entries);
  }

  function renderUnit(doc, unit) {
    const claims = unit[UNIT.claims];
    const row = element(unit[UNIT.kind] === 'heading' ? 'h4' : 'p', 'unit ' + unit[UNIT.kind]);
    row.id = 'u-' + doc.id + '-' + unit[UNIT.index];
    row.dataset.claims = String(claims.length);
    const number = element('span', 'index', String(unit[UNIT.index]));
    number.title = 'sentence_index ' + unit[UNIT.index];
    row.appendChild(number);
    const marks = [];
    let inner = row;
    // One mark per claim, nested: each label's colour shows as its own underline.
    claims.forEach((claim, depth) => {
      const mark = element('mark', 'mark ' + labelClass(claim[CLAIM.label]) + ' d' + Math.min(claims.length - 1 - depth, 3));
      mark.title = labels[claim[CLAIM.label]] + ' ' + formatScore(claim[CLAIM.score]) +
        (unit[UNIT.hedged] === 1 ? ', hedged' : '');
      inner.appendChild(mark);
      marks.push(mark);
      inner = mark;
    });
    inner.appendChild(document.createTextNode(unit[UNIT.text]));
    const chips = claims.map((claim) => claimLink(unit, claim));
    if (chips.length > 0) {
      const list = element('span', 'claims');
      for (const chip of chips) list.appendChild(chip);
      if (unit[UNIT.hedged] === 1) list.appendChild(element('span', 'hedged-badge', 'hedged'));
      row.appendChild(list);
    }
    if (unit[UNIT.hedged] === 1 && claims.length > 0) row.classList.add('hedged');
    return { unit, element: row, marks, chips };
  }

  // A claim's label and score, linking to its row in claims.csv.
  function claimLink(unit, claim) {
    const link = element('a', 'chip claim ' + labelClass(claim[CLAIM.label]));
    link.href = data.claims_file;
    link.id = 'claim-' + claim[CLAIM.id];
    link.dataset.claimId = claim[CLAIM.id];
    link.dataset.label = labels[claim[CLAIM.label]];
    link.title = data.claims_file + (data.claims_file.endsWith('.csv') ? ' row ' : ' line ') +
      claim[CLAIM.row] + ', claim_id ' + claim[CLAIM.id];
    link.appendChild(element('span', 'name', labels[claim[CLAIM.label]]));
    link.appendChild(element('span', 'score', ' ' + formatScore(claim[CLAIM.score])));
    link.appendChild(element('span', 'claim-id', ' ' + claim[CLAIM.id]));
    return link;
  }

  // ---- applying the filters ----

  function apply(state) {
    const narrowing = narrowsClaims(state);
    let claimsShown = 0;
    let documentsShown = 0;
    for (const details of document.querySelectorAll('details.doc')) {
      const doc = documentsById.get(details.dataset.doc);
      let matches = 0;
      for (const unit of doc.units) {
        for (const claim of unit[UNIT.claims]) if (claimMatches(state, unit, claim)) matches += 1;
      }
      const hidden = (state.doc !== '' && state.doc !== details.dataset.doc) ||
        ((state.only || narrowing) && matches === 0);
      details.hidden = hidden;
      details.querySelector('.doc-match').textContent = narrowing ? ' ' + matches + ' matching claims' : '';
      if (!hidden) {
        documentsShown += 1;
        claimsShown += matches;
      }
      if (state.doc === details.dataset.doc && !details.open) details.open = true;
      if (rendered.has(details.dataset.doc)) applyToUnits(state, rendered.get(details.dataset.doc));
    }
    statusLine.textContent = claimsShown + ' claims in ' + documentsShown + ' documents' +
      (narrowing || state.only || state.doc ? ' match the filters.' : '.');
  }

  function applyToUnits(state, entries) {
    for (const entry of entries) {
      let matching = 0;
      entry.unit[UNIT.claims].forEach((claim, i) => {
        const on = claimMatches(state, entry.unit, claim);
        matching += on ? 1 : 0;
        entry.marks[i].classList.toggle('off', !on);
        entry.chips[i].hidden = !on;
      });
      entry.element.hidden = state.only && matching === 0;
      entry.element.classList.toggle('match', matching > 0);
    }
  }

  let current = defaults();

  function onFormChange() {
    current = readForm();
    const fragment = toFragment(current);
    history.replaceState(null, '', fragment ? '#' + fragment : location.pathname + location.search);
    apply(current);
  }

  function onFragment() {
    const hash = location.hash.slice(1);
    if (isFilterFragment(hash)) {
      current = fromFragment(hash);
      writeForm(current);
      apply(current);
    } else {
      openTarget(hash);
    }
  }

  // An anchor to a document (#doc-3) or a unit (#u-3-12) opens the document first.
  function openTarget(hash) {
    const match = /^(?:doc|u)-(\d+)/.exec(hash);
    const details = match && document.getElementById('doc-' + match[1]);
    if (!details) return;
    details.open = true;
    renderUnits(details);
    applyToUnits(current, rendered.get(details.dataset.doc));
    const target = document.getElementById(hash);
    if (target) target.scrollIntoView();
  }

  // n / p: the next or previous visible claim of the open documents.
  function moveBetweenClaims(event) {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    if (event.target.closest('input:not([type=checkbox]), select, textarea')) return;
    if (event.key !== 'n' && event.key !== 'p') return;
    const links = [...document.querySelectorAll('details.doc[open] a.claim')]
      .filter((a) => a.offsetParent !== null);
    if (links.length === 0) return;
    const at = links.indexOf(document.activeElement);
    const next = event.key === 'n' ? (at + 1) % links.length : (at <= 0 ? links.length - 1 : at - 1);
    links[next].focus();
    event.preventDefault();
  }

  for (const details of document.querySelectorAll('details.doc')) {
    details.addEventListener('toggle', () => {
      if (!details.open || rendered.has(details.dataset.doc)) return;
      renderUnits(details);
      applyToUnits(current, rendered.get(details.dataset.doc));
    });
  }
  form.addEventListener('input', onFormChange);
  form.addEventListener('change', onFormChange);
  form.addEventListener('submit', (event) => event.preventDefault());
  document.getElementById('filter-reset').addEventListener('click', () => {
    writeForm(defaults());
    onFormChange();
  });
  window.addEventListener('hashchange', onFragment);
  document.addEventListener('keydown', moveBetweenClaims);
  document.documentElement.classList.add('js');
  onFragment();
  // For the load-time benchmark of the browser check.
  performance.mark('claimscan-report-ready');
})();
