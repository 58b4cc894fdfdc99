import { Parser } from 'htmlparser2';
import type { ValidationProblem } from '../config/tenant-bundle';
import { lineLocator } from './source-lines';

// A tenant's logo is served from our origin, where an SVG can run script. We
// parse it, keep only an allowlist of drawing elements and attributes, report
// everything else, and serve bytes re-serialised from the kept tree, never the
// uploaded text.

const SVG_NS = 'http://www.w3.org/2000/svg';
const XLINK_NS = 'http://www.w3.org/1999/xlink';

export const SVG_ALLOWED_ELEMENTS: ReadonlySet<string> = new Set([
  'svg',
  'g',
  'path',
  'circle',
  'ellipse',
  'rect',
  'line',
  'polyline',
  'polygon',
  'text',
  'tspan',
  'title',
  'desc',
  'defs',
  'linearGradient',
  'radialGradient',
  'stop',
  'clipPath',
  'mask',
  'symbol',
  'use',
]);

/** Elements whose text content is part of the drawing; text elsewhere is dropped. */
const TEXT_ELEMENTS: ReadonlySet<string> = new Set(['text', 'tspan', 'title', 'desc']);

/** Named explicitly so the message says why, not just "not allowed". */
const FORBIDDEN_ELEMENTS: Readonly<Record<string, string>> = {
  script: 'scripts run when the SVG is opened',
  foreignobject: 'it embeds HTML',
  style: 'CSS can load external resources; use presentation attributes such as fill',
};

export const SVG_ALLOWED_ATTRIBUTES: ReadonlySet<string> = new Set([
  // document and identity
  'xmlns',
  'xmlns:xlink',
  'version',
  'id',
  'class',
  'role',
  'aria-label',
  'aria-hidden',
  'focusable',
  'lang',
  'xml:lang',
  'xml:space',
  // geometry
  'x',
  'y',
  'x1',
  'y1',
  'x2',
  'y2',
  'cx',
  'cy',
  'r',
  'rx',
  'ry',
  'd',
  'points',
  'width',
  'height',
  'viewBox',
  'preserveAspectRatio',
  'pathLength',
  'dx',
  'dy',
  'rotate',
  'textLength',
  'lengthAdjust',
  'transform',
  // presentation
  'fill',
  'fill-opacity',
  'fill-rule',
  'stroke',
  'stroke-width',
  'stroke-linecap',
  'stroke-linejoin',
  'stroke-miterlimit',
  'stroke-dasharray',
  'stroke-dashoffset',
  'stroke-opacity',
  'opacity',
  'color',
  'display',
  'visibility',
  'clip-path',
  'clip-rule',
  'mask',
  'paint-order',
  'vector-effect',
  'shape-rendering',
  'text-rendering',
  'color-interpolation',
  'font-family',
  'font-size',
  'font-size-adjust',
  'font-weight',
  'font-style',
  'font-variant',
  'font-stretch',
  'text-anchor',
  'text-decoration',
  'dominant-baseline',
  'alignment-baseline',
  'baseline-shift',
  'letter-spacing',
  'word-spacing',
  'writing-mode',
  'direction',
  // gradients, clips and masks
  'gradientUnits',
  'gradientTransform',
  'spreadMethod',
  'fx',
  'fy',
  'fr',
  'offset',
  'stop-color',
  'stop-opacity',
  'clipPathUnits',
  'maskUnits',
  'maskContentUnits',
  // checked separately: local #fragment only
  'href',
  'xlink:href',
]);

const LOCAL_FRAGMENT = /^#[A-Za-z_][\w.:-]*$/;

interface SvgElement {
  name: string;
  attributes: [string, string][];
  children: (SvgElement | string)[];
  openIndex: number;
}

export interface SanitisedSvg {
  /** Re-serialised from the allowlisted tree; only meaningful when there are no problems. */
  svg: Buffer;
  problems: ValidationProblem[];
}

/** Removes whitespace and control characters browsers ignore inside a URL scheme. */
function compactForSchemeCheck(value: string): string {
  let out = '';
  for (const ch of value) if (ch.charCodeAt(0) > 0x20) out += ch;
  return out.toLowerCase();
}

/** Why an attribute value is unsafe as a URL, or undefined when it is not. */
function unsafeUrlReason(value: string): string | undefined {
  const compact = compactForSchemeCheck(value);
  for (const scheme of ['javascript:', 'vbscript:', 'data:']) {
    if (compact.includes(scheme)) return `a ${scheme} URL`;
  }
  if (/[a-z][a-z0-9+.-]*:\/\//.test(compact) || compact.startsWith('//')) {
    return 'an external URL';
  }
  // Presentation attributes reference paint servers and clips with url(#id) only.
  for (const target of urlTargets(value)) {
    if (!LOCAL_FRAGMENT.test(target)) return `url(${target}), which is not a local #fragment`;
  }
  return undefined;
}

function urlTargets(value: string): string[] {
  const targets: string[] = [];
  const lower = value.toLowerCase();
  for (let i = lower.indexOf('url('); i !== -1; i = lower.indexOf('url(', i + 4)) {
    const close = value.indexOf(')', i + 4);
    const inner = value.slice(i + 4, close === -1 ? undefined : close).trim();
    targets.push(inner.replace(/^(['"])(.*)\1$/, '$2').trim());
  }
  return targets;
}

function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function escapeAttribute(value: string): string {
  return escapeText(value).replace(/"/g, '&quot;');
}

function serialise(el: SvgElement): string {
  const attrs = el.attributes.map(([n, v]) => ` ${n}="${escapeAttribute(v)}"`).join('');
  if (el.children.length === 0) return `<${el.name}${attrs}/>`;
  const inner = el.children
    .map((c) => (typeof c === 'string' ? escapeText(c) : serialise(c)))
    .join('');
  return `<${el.name}${attrs}>${inner}</${el.name}>`;
}

function decode(source: string | Buffer): string | undefined {
  if (typeof source === 'string') return source.replace(/^\uFEFF/, '');
  try {
    // fatal: a file that is not UTF-8 is not an SVG we can reason about.
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(source);
  } catch {
    return undefined;
  }
}

/**
 * Parses an SVG, reports every element, attribute, declaration or processing
 * instruction outside the allowlist with its line, and re-serialises what is
 * kept. `file` is used in the problems (path relative to the tenants directory).
 */
export function sanitiseSvg(source: string | Buffer, file: string): SanitisedSvg {
  const problems: ValidationProblem[] = [];
  const text = decode(source);
  if (text === undefined) {
    return { svg: Buffer.alloc(0), problems: [{ file, message: 'SVG is not valid UTF-8 text' }] };
  }
  const lineOf = lineLocator(text);
  const report = (offset: number, message: string): void => {
    problems.push({ file, at: `line ${lineOf(offset)}`, message });
  };

  let root: SvgElement | undefined;
  let rootClosed = false;
  const stack: SvgElement[] = [];
  // Depth inside a rejected element: its whole subtree is dropped.
  let skipDepth = 0;
  let pending: { name: string; value: string; offset: number }[] = [];
  let usesXlink = false;

  const keepAttributes = (element: string): [string, string][] => {
    const kept: [string, string][] = [];
    const seen = new Set<string>();
    for (const { name, value, offset } of pending) {
      const lower = name.toLowerCase();
      if (seen.has(name)) {
        report(offset, `attribute ${name} appears twice on <${element}>`);
        continue;
      }
      seen.add(name);
      if (lower.startsWith('on')) {
        report(offset, `event handler attribute ${name} on <${element}> is not allowed`);
        continue;
      }
      if (lower === 'style') {
        report(
          offset,
          `style attribute on <${element}> is not allowed; use presentation attributes such as fill`,
        );
        continue;
      }
      if (name === 'xmlns' || name === 'xmlns:xlink') {
        const expected = name === 'xmlns' ? SVG_NS : XLINK_NS;
        if (value !== expected) report(offset, `${name} must be ${expected}, not "${value}"`);
        else kept.push([name, value]);
        continue;
      }
      const unsafe = unsafeUrlReason(value);
      if (unsafe) {
        report(offset, `attribute ${name} on <${element}> contains ${unsafe}`);
        continue;
      }
      if (!SVG_ALLOWED_ATTRIBUTES.has(name)) {
        report(offset, `attribute ${name} on <${element}> is not on the SVG allowlist`);
        continue;
      }
      if (name === 'href' || name === 'xlink:href') {
        if (!LOCAL_FRAGMENT.test(value.trim())) {
          report(offset, `${name} on <${element}> must be a local #fragment, not "${value}"`);
          continue;
        }
        if (name === 'xlink:href') usesXlink = true;
        kept.push([name, value.trim()]);
        continue;
      }
      kept.push([name, value]);
    }
    return kept;
  };

  const parser = new Parser(
    {
      onattribute(name, value) {
        pending.push({ name, value, offset: parser.startIndex });
      },
      onopentag(name) {
        const offset = parser.startIndex;
        if (skipDepth > 0) {
          skipDepth++;
          pending = [];
          return;
        }
        const forbidden = FORBIDDEN_ELEMENTS[name.toLowerCase()];
        let rejection: string | undefined;
        if (forbidden) rejection = `<${name}> is not allowed: ${forbidden}`;
        else if (!root && name !== 'svg') {
          rejection = `the root element must be <svg>, not <${name}>`;
        } else if (rootClosed) rejection = `<${name}> appears after the closing </svg>`;
        else if (!SVG_ALLOWED_ELEMENTS.has(name)) {
          rejection = `element <${name}> is not on the SVG allowlist`;
        }
        if (rejection) {
          report(offset, rejection);
          skipDepth = 1;
          pending = [];
          return;
        }
        const element: SvgElement = {
          name,
          attributes: keepAttributes(name),
          children: [],
          openIndex: offset,
        };
        pending = [];
        if (root) stack[stack.length - 1].children.push(element);
        else root = element;
        stack.push(element);
      },
      onclosetag(name, isImplied) {
        if (skipDepth > 0) {
          skipDepth--;
          return;
        }
        const element = stack.pop();
        if (!element) return;
        // A self-closing tag is reported as an implied close at its own start.
        if (isImplied && parser.startIndex !== element.openIndex) {
          report(element.openIndex, `<${name}> is never closed`);
        }
        if (stack.length === 0) rootClosed = true;
      },
      ontext(data) {
        const parent = stack[stack.length - 1];
        if (skipDepth > 0 || !parent || !TEXT_ELEMENTS.has(parent.name)) return;
        const last = parent.children[parent.children.length - 1];
        if (typeof last === 'string') parent.children[parent.children.length - 1] = last + data;
        else parent.children.push(data);
      },
      onprocessinginstruction(name) {
        const offset = parser.startIndex;
        const lower = name.toLowerCase();
        // The XML declaration is harmless and dropped; we serialise UTF-8 without one.
        if (name === '?xml') return;
        if (lower === '!doctype') {
          const data = text.slice(offset, parser.endIndex + 1);
          report(
            offset,
            /<!entity/i.test(data)
              ? 'DOCTYPE with ENTITY declarations is not allowed (entities can expand or load external files)'
              : 'DOCTYPE declarations are not allowed',
          );
        } else if (lower === '!entity') {
          report(offset, 'ENTITY declarations are not allowed');
        } else if (lower.startsWith('!')) {
          report(offset, `declaration <${name}> is not allowed`);
        } else {
          report(offset, `processing instruction <${name}?> is not allowed`);
        }
      },
    },
    { xmlMode: true, decodeEntities: true },
  );
  parser.end(text);

  if (!root) {
    if (!problems.some((p) => p.message.startsWith('the root element'))) {
      problems.push({ file, message: 'no <svg> root element found' });
    }
    return { svg: Buffer.alloc(0), problems };
  }
  // Standalone SVG needs its namespace declared to render; add what is missing.
  const declared = new Set(root.attributes.map(([n]) => n));
  if (!declared.has('xmlns')) root.attributes.unshift(['xmlns', SVG_NS]);
  if (usesXlink && !declared.has('xmlns:xlink')) root.attributes.push(['xmlns:xlink', XLINK_NS]);
  return { svg: Buffer.from(serialise(root), 'utf8'), problems };
}
