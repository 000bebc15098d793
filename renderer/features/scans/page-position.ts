// Which page of a PDF the viewer shows, from where its pages sit in the scrolled panel, and where
// the paging keys take the officer.

/**
 * The page (1-based) the officer is reading: the last one whose top has come within the upper third
 * of the panel, or the last page once scrolled to the end (a short last page never reaches the top).
 * `pageTops`: each page's top within the scrolled content, in order; `contentHeight`: its height.
 */
export function pageAt(
  pageTops: readonly number[],
  scrollTop: number,
  viewHeight: number,
  contentHeight = Infinity,
): number {
  if (pageTops.length > 0 && scrollTop + viewHeight >= contentHeight - 1) return pageTops.length;
  const line = scrollTop + viewHeight / 3;
  let page = 1;
  for (let i = 0; i < pageTops.length; i++) if (pageTops[i]! <= line) page = i + 1;
  return page;
}

/** The page a key moves to from `page` of `pages`, or null when the key does not page. */
export function pageAfterKey(key: string, page: number, pages: number): number | null {
  if (pages < 1) return null;
  const to =
    key === 'PageDown' || key === 'ArrowRight'
      ? page + 1
      : key === 'PageUp' || key === 'ArrowLeft'
        ? page - 1
        : key === 'Home'
          ? 1
          : key === 'End'
            ? pages
            : null;
  return to === null ? null : Math.min(pages, Math.max(1, to));
}
