import { useEffect, useRef, useState, type JSX, type ReactNode, type RefObject } from 'react';

/**
 * A chart drawn by a function of the available width (Observable Plot or hand-made SVG), redrawn when
 * the width changes. Plot adds a <style> element to each chart; the page's Content-Security-Policy
 * (style-src 'self') forbids inline styles, so it is removed before the chart enters the page and the
 * same rules live in app.css (`.plot`).
 */
export function PlotFigure(props: {
  render: (width: number) => Element;
  caption: ReactNode;
  className?: string;
  minWidth?: number;
}): JSX.Element {
  const host = useRef<HTMLDivElement>(null);
  const width = useWidth(host);
  const { render, minWidth } = props;
  useEffect(() => {
    const element = host.current;
    if (element === null || width === 0) return;
    const chart = render(Math.max(width, minWidth ?? 0));
    for (const style of chart.querySelectorAll('style')) style.remove();
    describeAsImage(chart);
    element.replaceChildren(chart);
  }, [render, width, minWidth]);
  return (
    <figure className={`chart${props.className === undefined ? '' : ` ${props.className}`}`}>
      <div className="chart-host" ref={host} />
      <figcaption className="chart-caption">{props.caption}</figcaption>
    </figure>
  );
}

/**
 * Each chart is one image to assistive technology, named by its own aria-label (the table beside it
 * holds the numbers). Plot labels its inner <g> groups too, which ARIA forbids on elements without a
 * role, so those inner labels are removed.
 */
function describeAsImage(chart: Element): void {
  const svgs = chart instanceof SVGSVGElement ? [chart] : [...chart.querySelectorAll('svg')];
  for (const svg of svgs) {
    svg.setAttribute('role', 'img');
    for (const inner of svg.querySelectorAll('[aria-label], [aria-description]')) {
      inner.removeAttribute('aria-label');
      inner.removeAttribute('aria-description');
    }
  }
}

/** The element's content width, updated as it resizes (whole pixels, so tiny changes do not redraw). */
function useWidth(ref: RefObject<HTMLElement | null>): number {
  const [width, setWidth] = useState(0);
  useEffect(() => {
    const element = ref.current;
    if (element === null) return;
    setWidth(Math.floor(element.clientWidth));
    const observer = new ResizeObserver((entries) => {
      const box = entries[0]?.contentRect.width;
      if (box !== undefined) setWidth((old) => (Math.abs(old - box) >= 8 ? Math.floor(box) : old));
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [ref]);
  return width;
}
