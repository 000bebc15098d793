import type { ReactNode } from 'react';

/**
 * A menu entry that opens a screen: a link to its hash route (`#/<key>` unless `href` says
 * otherwise) with the `nav-<key>` test id the end-to-end pages click.
 */
export function navMenuItem(key: string, label: ReactNode, href = `#/${key}`) {
  return {
    key,
    label: (
      <a href={href} data-testid={`nav-${key}`}>
        {label}
      </a>
    ),
  };
}
