/** Tiny DOM builders for the patient page (no framework, to keep the page light). Text is always text. */
type Child = Node | string | null | undefined | false;
type Attrs = Record<string, string | boolean | undefined>;

function apply(element: Element, attrs: Attrs, children: readonly Child[]): void {
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === false) continue;
    element.setAttribute(name, value === true ? '' : value);
  }
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    element.append(child);
  }
}

/** An HTML element with attributes and children. */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  apply(element, attrs, children);
  return element;
}

/** An SVG element with attributes and children. */
export function s<K extends keyof SVGElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: Child[]
): SVGElementTagNameMap[K] {
  const element = document.createElementNS('http://www.w3.org/2000/svg', tag);
  apply(element, attrs, children);
  return element;
}

/** Replaces the page's content, sets the title, and moves focus to the first heading for screen readers. */
export function show(title: string, ...content: Child[]): void {
  const main = document.getElementById('main');
  if (main === null) return;
  main.replaceChildren();
  apply(main, {}, content);
  document.title = title;
  const target = main.querySelector<HTMLElement>('[data-focus]') ?? main.querySelector<HTMLElement>('h1') ?? main;
  if (!target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1');
  target.focus();
  window.scrollTo(0, 0);
}

/** A button that runs `action` when pressed. */
export function button(label: string, action: () => void, attrs: Attrs = {}): HTMLButtonElement {
  const element = h('button', { type: 'button', class: 'button', ...attrs }, label);
  element.addEventListener('click', action);
  return element;
}
