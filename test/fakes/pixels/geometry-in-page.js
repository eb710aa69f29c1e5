/* global document, window, getComputedStyle, NodeFilter */
// Runs inside the rendered page (geometry.ts sends it with Playwright's evaluate): reads the laid
// out boxes and returns the violations. Plain JavaScript, no imports: the function's source is what
// travels to the browser.
// eslint-disable-next-line @typescript-eslint/no-unused-vars -- called by geometry.ts's script
function pixelsGeometry(options) {
  const tol = options.tolerance;
  const violations = [];
  const boundsElement = options.within ? document.querySelector(options.within) : null;
  const viewport = {
    left: 0,
    top: 0,
    right: window.innerWidth,
    // A page that scrolls shows what is below the window too.
    bottom: options.scrollable
      ? Math.max(window.innerHeight, document.documentElement.scrollHeight)
      : window.innerHeight,
  };
  const bounds = boundsElement ? boundsElement.getBoundingClientRect() : viewport;
  const boundsName = boundsElement ? options.within : 'the viewport';

  const round = (n) => Math.round(n * 10) / 10;
  const box = (r) => ({
    x: round(r.left),
    y: round(r.top),
    width: round(r.right - r.left),
    height: round(r.bottom - r.top),
  });
  const boxText = (r) => {
    const b = box(r);
    return `${b.x},${b.y} ${b.width}×${b.height}`;
  };
  const shown = (el) =>
    el.checkVisibility
      ? el.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true })
      : getComputedStyle(el).display !== 'none';
  const textOf = (el) => (el.innerText || el.textContent || '').replace(/\s+/g, ' ').trim();
  const describe = (el) => {
    let out = el.tagName.toLowerCase().replace(/^wx-/, '');
    const tile = el.getAttribute('data-tile');
    const user = el.getAttribute('data-user');
    const cls = el.getAttribute('data-wx-class');
    const id = el.getAttribute('id');
    if (id) out += `#${id}`;
    if (cls) out += `.${cls.split(' ').join('.')}`;
    if (tile !== null) out += `[data-tile="${tile}"]`;
    if (user !== null && user !== tile) out += `[data-user="${user}"]`;
    const text = textOf(el);
    if (text) out += ` "${text.length > 24 ? `${text.slice(0, 23)}…` : text}"`;
    return out;
  };
  const tileName = (el) => {
    const tile = el.getAttribute('data-tile');
    const user = el.getAttribute('data-user');
    return user && user !== tile ? `tile "${tile}" (${user})` : `tile "${tile}"`;
  };
  const inside = (inner, outer) =>
    inner.left >= outer.left - tol &&
    inner.top >= outer.top - tol &&
    inner.right <= outer.right + tol &&
    inner.bottom <= outer.bottom + tol;
  const overlapOf = (a, b) => {
    const w = Math.min(a.right, b.right) - Math.max(a.left, b.left);
    const h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
    return w > tol && h > tol ? { w, h } : null;
  };
  const add = (kind, el, message, rect) =>
    violations.push({
      kind,
      element: describe(el),
      message,
      rect: rect ? box(rect) : undefined,
    });
  /** The element drawn on top at (x, y), or null when that point is off the page. */
  const topAt = (x, y) => {
    if (x < 0 || y < 0 || x >= window.innerWidth || y >= window.innerHeight) return null;
    return document.elementFromPoint(x, y);
  };
  /** Whether `el` is what a finger at its centre reaches (itself, inside it, or its own box). */
  const coverOf = (el, rect) => {
    const hit = topAt((rect.left + rect.right) / 2, (rect.top + rect.bottom) / 2);
    if (hit === null || el.contains(hit)) return null;
    return hit;
  };

  // ---- tiles ----
  const tiles = Array.from(document.querySelectorAll(options.tiles));
  const shownTiles = [];
  for (const tile of tiles) {
    const id = tile.getAttribute('data-tile');
    const user = tile.getAttribute('data-user');
    const expected =
      options.expectTiles.indexOf(id) >= 0 ||
      (user !== null && options.expectUsers.indexOf(user) >= 0);
    if (!shown(tile)) {
      if (expected) add('tile-hidden', tile, `${tileName(tile)} is in the page but not shown`);
      continue;
    }
    const r = tile.getBoundingClientRect();
    if (r.width < 1 || r.height < 1) {
      add('tile-empty', tile, `${tileName(tile)} has no size: ${boxText(r)}`, r);
      continue;
    }
    shownTiles.push(tile);
    if (!inside(r, bounds)) {
      add('tile-outside', tile, `${tileName(tile)} is not inside ${boundsName}: ${boxText(r)}`, r);
    }
    const cover = coverOf(tile, r);
    // A picture-in-picture tile may sit over another tile; nothing else may.
    const coveringTile = cover === null ? null : cover.closest(options.tiles);
    if (cover !== null && !(coveringTile && coveringTile.getAttribute('data-region') === 'pip')) {
      add(
        'tile-covered',
        tile,
        `${tileName(tile)} is covered at its centre by ${describe(cover)}`,
        r,
      );
    }
  }
  const shownIds = shownTiles.map((t) => t.getAttribute('data-tile'));
  const shownUsers = shownTiles.map((t) => t.getAttribute('data-user'));
  for (const id of options.expectTiles) {
    if (shownIds.indexOf(id) < 0 && !tiles.some((t) => t.getAttribute('data-tile') === id)) {
      violations.push({
        kind: 'tile-missing',
        element: `[data-tile="${id}"]`,
        message: `tile "${id}" is not in the page`,
      });
    }
  }
  for (const user of options.expectUsers) {
    if (
      shownUsers.indexOf(user) < 0 &&
      !tiles.some((t) => t.getAttribute('data-user') === user && shown(t))
    ) {
      const present = tiles.some((t) => t.getAttribute('data-user') === user);
      violations.push({
        kind: 'tile-missing',
        element: `[data-user="${user}"]`,
        message: present
          ? `${user} has a tile in the page, but none is shown`
          : `${user} has no tile in the page`,
      });
    }
  }
  if (options.expectPeople !== null) {
    const users = new Set(shownUsers.filter((u) => u !== null && u !== ''));
    const summaries = Array.from(document.querySelectorAll(options.overflow)).filter(shown);
    const counted = summaries.reduce(
      (sum, el) => sum + (parseInt(el.getAttribute('data-overflow'), 10) || 0),
      0,
    );
    if (users.size + counted < options.expectPeople) {
      const missing = options.expectPeople - users.size - counted;
      violations.push({
        kind: 'people-missing',
        element: 'body',
        message:
          `${options.expectPeople} people are in the room; ${users.size} have a shown tile` +
          (summaries.length > 0 ? ` and "+N" summaries count ${counted}` : '') +
          `: ${missing} ${missing === 1 ? 'is' : 'are'} nowhere`,
      });
    }
  }
  for (let i = 0; i < shownTiles.length; i += 1) {
    for (let j = i + 1; j < shownTiles.length; j += 1) {
      const a = shownTiles[i];
      const b = shownTiles[j];
      if (a.contains(b) || b.contains(a)) continue;
      const ra = a.getBoundingClientRect();
      const rb = b.getBoundingClientRect();
      const overlap = overlapOf(ra, rb);
      if (overlap === null) continue;
      const pips = [a, b].filter((t) => t.getAttribute('data-region') === 'pip').length;
      if (pips === 1) continue;
      add(
        'tile-overlap',
        a,
        `${tileName(a)} and ${tileName(b)} overlap by ${round(overlap.w)}×${round(overlap.h)} ` +
          `(${boxText(ra)} and ${boxText(rb)})` +
          (pips === 2 ? ': two picture-in-picture tiles' : ''),
        ra,
      );
    }
  }

  // ---- expected boxes ----
  for (const expected of options.expectBoxes) {
    const matches = Array.from(document.querySelectorAll(expected.selector));
    const candidates = matches.filter((el) => {
      const r = el.getBoundingClientRect();
      return shown(el) && r.width >= 1 && r.height >= 1;
    });
    if (candidates.length === 0) {
      violations.push({
        kind: 'box-missing',
        element: expected.selector,
        message:
          matches.length === 0
            ? `"${expected.selector}" is not in the page`
            : `"${expected.selector}" is in the page but not shown with a size`,
      });
      continue;
    }
    // The viewport's bounds are edges only (no width / height).
    const boundsWidth = bounds.right - bounds.left;
    const boundsHeight = bounds.bottom - bounds.top;
    const want = {};
    if (typeof expected.x === 'number') want.x = bounds.left + expected.x * boundsWidth;
    if (typeof expected.y === 'number') want.y = bounds.top + expected.y * boundsHeight;
    if (typeof expected.width === 'number') want.width = expected.width * boundsWidth;
    if (typeof expected.height === 'number') want.height = expected.height * boundsHeight;
    const differences = (r) => {
      const got = { x: r.left, y: r.top, width: r.width, height: r.height };
      return Object.keys(want).filter((key) => Math.abs(got[key] - want[key]) > tol);
    };
    const fits = (el) => {
      const r = el.getBoundingClientRect();
      return inside(r, bounds) && differences(r).length === 0;
    };
    if (candidates.some(fits)) continue;
    const el = candidates[0];
    const r = el.getBoundingClientRect();
    if (!inside(r, bounds)) {
      add(
        'box-outside',
        el,
        `"${expected.selector}" is not inside ${boundsName}: ${boxText(r)}`,
        r,
      );
    }
    const wrong = differences(r);
    if (wrong.length > 0) {
      const got = box(r);
      add(
        'box-misplaced',
        el,
        `"${expected.selector}" is ${boxText(r)}, expected ` +
          wrong.map((key) => `${key} ${round(want[key])} (not ${got[key]})`).join(', '),
        r,
      );
    }
  }

  // ---- badges and what else sits on a tile ----
  const checked = new Set();
  const checkInTile = (el, what) => {
    if (checked.has(el) || !shown(el)) return;
    checked.add(el);
    const tile = el.parentElement && el.parentElement.closest(options.tiles);
    if (!tile || !shown(tile)) return;
    const r = el.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) return;
    const t = tile.getBoundingClientRect();
    if (!inside(r, t)) {
      add(
        'badge-outside',
        el,
        `${what} ${describe(el)} sticks out of ${tileName(tile)}: ${boxText(r)} in ${boxText(t)}`,
        r,
      );
    }
  };
  for (const badge of Array.from(document.querySelectorAll(options.badges)))
    checkInTile(badge, 'the badge');
  for (const tile of shownTiles) {
    for (const child of Array.from(tile.children)) checkInTile(child, 'the overlay part');
  }

  /** The part of a rect that its clipping ancestors (overflow other than visible) let show. */
  const visiblePart = (rect, el) => {
    let r = { left: rect.left, top: rect.top, right: rect.right, bottom: rect.bottom };
    for (let a = el; a && a !== document.body; a = a.parentElement) {
      const s = getComputedStyle(a);
      if (s.overflowX === 'visible' && s.overflowY === 'visible') continue;
      const b = a.getBoundingClientRect();
      r = {
        left: Math.max(r.left, b.left),
        top: Math.max(r.top, b.top),
        right: Math.min(r.right, b.right),
        bottom: Math.min(r.bottom, b.bottom),
      };
      if (r.right - r.left <= 0 || r.bottom - r.top <= 0) return null;
    }
    return r;
  };

  // ---- text ----
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const truncated = new Set();
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!node.nodeValue || !node.nodeValue.trim()) continue;
    const parent = node.parentElement;
    if (!parent || !shown(parent)) continue;
    let container = parent;
    while (container.parentElement && getComputedStyle(container).display === 'inline') {
      container = container.parentElement;
    }
    const style = getComputedStyle(container);
    const text = textOf(container);
    if (style.textOverflow !== 'clip' && container.scrollWidth > container.clientWidth + 1) {
      if (!truncated.has(container)) {
        truncated.add(container);
        add(
          'text-truncated',
          container,
          `"${text}" is cut short: it needs ${container.scrollWidth}px, its box has ${container.clientWidth}px`,
          container.getBoundingClientRect(),
        );
      }
      continue;
    }
    const range = document.createRange();
    range.selectNodeContents(node);
    const rects = Array.from(range.getClientRects()).filter((r) => r.width > 0 && r.height > 0);
    if (rects.length === 0) continue;
    const t = {
      left: Math.min(...rects.map((r) => r.left)),
      top: Math.min(...rects.map((r) => r.top)),
      right: Math.max(...rects.map((r) => r.right)),
      bottom: Math.max(...rects.map((r) => r.bottom)),
    };
    // Text that a clipping ancestor hides entirely (inside a parked 1 px node) is not seen.
    if (visiblePart(t, container.parentElement || container) === null) continue;
    const c = container.getBoundingClientRect();
    const padding = {
      left: c.left + container.clientLeft,
      top: c.top + container.clientTop,
      right: c.left + container.clientLeft + container.clientWidth,
      bottom: c.top + container.clientTop + container.clientHeight,
    };
    // Glyph boxes are taller than a tight line-height: vertically, only a real spill counts.
    const slack = Math.max(tol, 0.35 * parseFloat(style.fontSize));
    const spills =
      t.left < padding.left - tol ||
      t.right > padding.right + tol ||
      t.top < padding.top - slack ||
      t.bottom > padding.bottom + slack;
    if (container.clientWidth > 0 && spills) {
      const clipped = style.overflowX !== 'visible' || style.overflowY !== 'visible';
      add(
        'text-overflow',
        container,
        `"${node.nodeValue.trim()}" ${clipped ? 'is clipped by' : 'overflows'} its box: ` +
          `text ${boxText(t)}, box ${boxText(padding)}`,
        t,
      );
    } else if (!inside(t, bounds)) {
      add(
        'text-outside',
        container,
        `"${node.nodeValue.trim()}" is not inside ${boundsName}: ${boxText(t)}`,
        t,
      );
    }
  }

  // ---- touch targets ----
  for (const el of Array.from(document.querySelectorAll(options.touch))) {
    if (!shown(el)) continue;
    const r = el.getBoundingClientRect();
    if (r.width < options.minTouch - tol || r.height < options.minTouch - tol) {
      add(
        'touch-small',
        el,
        `touch target ${describe(el)} is ${round(r.width)}×${round(r.height)} pt, under ${options.minTouch}×${options.minTouch}`,
        r,
      );
    }
    const cover = coverOf(el, r);
    if (cover !== null) {
      add(
        'touch-covered',
        el,
        `touch target ${describe(el)} is covered at its centre by ${describe(cover)}`,
        r,
      );
    }
  }

  // ---- touch targets over badges (a pager on a name) ----
  const shownBadges = Array.from(document.querySelectorAll(options.badges)).filter(shown);
  for (const el of Array.from(document.querySelectorAll(options.touch))) {
    if (!shown(el)) continue;
    const r = el.getBoundingClientRect();
    for (const badge of shownBadges) {
      if (el.contains(badge) || badge.contains(el)) continue;
      const overlap = overlapOf(r, badge.getBoundingClientRect());
      if (overlap === null) continue;
      const tile = badge.closest(options.tiles);
      // A picture-in-picture tile (and its badge) sits over the tile under it.
      if (tile && tile.getAttribute('data-region') === 'pip' && el.matches(options.tiles)) continue;
      add(
        'touch-overlap',
        el,
        `touch target ${describe(el)} overlaps the badge ${describe(badge)}` +
          (tile ? ` of ${tileName(tile)}` : '') +
          ` by ${round(overlap.w)}×${round(overlap.h)}`,
        r,
      );
    }
  }

  // ---- "+N" summaries ----
  for (const el of Array.from(document.querySelectorAll(options.overflow))) {
    if (!shown(el)) continue;
    const n = el.getAttribute('data-overflow');
    const r = el.getBoundingClientRect();
    if (r.width < 1 || r.height < 1)
      add('overflow-summary', el, `the "+${n}" summary has no size`, r);
    else if (!inside(r, bounds))
      add(
        'overflow-summary',
        el,
        `the "+${n}" summary is not inside ${boundsName}: ${boxText(r)}`,
        r,
      );
    else if (textOf(el).indexOf(n) < 0)
      add('overflow-summary', el, `the "+${n}" summary does not say ${n}: "${textOf(el)}"`, r);
  }

  return violations;
}
