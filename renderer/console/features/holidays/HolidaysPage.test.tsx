import i18next from 'i18next';
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider, initReactI18next } from 'react-i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { memoryHolidaysService } from '../../../../tests/support/console-services';
import { HolidaysPage } from './HolidaysPage';

const i18n = i18next.createInstance();
beforeAll(async () => {
  await i18n.use(initReactI18next).init({ lng: 'vi', resources: { vi: { translation: {} } } });
});

const render = (node: React.ReactNode) =>
  renderToStaticMarkup(<I18nextProvider i18n={i18n}>{node}</I18nextProvider>);

describe('holiday page (first render)', () => {
  it('the holiday page offers the official schedule and saving only to those who may edit', () => {
    const page = render(<HolidaysPage service={memoryHolidaysService()} initialYear={2026} />);
    expect(page).toContain('Ngày nghỉ lễ và ngày làm việc');
    expect(page).toContain('Bắt đầu từ lịch chính thức');
    expect(page).toContain('Lưu lịch năm 2026');
    const readOnly = render(
      <HolidaysPage service={memoryHolidaysService()} initialYear={2026} canEdit={false} />,
    );
    expect(readOnly).not.toContain('Lưu lịch năm');
  });
});
