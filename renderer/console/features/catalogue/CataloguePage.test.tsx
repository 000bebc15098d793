import i18next from 'i18next';
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider, initReactI18next } from 'react-i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { demoCatalogueService } from '../../../../tests/support/console-services';
import { CataloguePage } from './CataloguePage';

const i18n = i18next.createInstance();
beforeAll(async () => {
  await i18n.use(initReactI18next).init({ lng: 'vi', resources: { vi: { translation: {} } } });
});

const render = (node: React.ReactNode) =>
  renderToStaticMarkup(<I18nextProvider i18n={i18n}>{node}</I18nextProvider>);

describe('catalogue page (first render)', () => {
  it('the catalogue page offers export, import and the listing in Vietnamese; an office admin gets no import', () => {
    const page = render(<CataloguePage service={demoCatalogueService()} />);
    expect(page).toContain('Danh mục thủ tục hành chính');
    expect(page).toContain('Xuất Excel');
    expect(page).toContain('Nhập từ Excel…');
    expect(page).toContain('Niêm yết công khai');
    const readOnly = render(<CataloguePage service={demoCatalogueService()} canEdit={false} />);
    expect(readOnly).not.toContain('Nhập từ Excel…');
  });
});
