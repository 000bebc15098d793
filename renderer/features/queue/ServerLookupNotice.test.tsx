import { describe, expect, it } from 'vitest';
import { staticMarkup } from '../../../tests/support/static-markup';
import { en } from '../../i18n/en';
import { vi } from '../../i18n/vi';
import { ServerLookupNotice, type ServerLookupState } from './ServerLookupNotice';

const markup = staticMarkup({ vi: { translation: vi }, en: { translation: en } });
const render = (state: ServerLookupState, lng = 'vi') => markup(<ServerLookupNotice state={state} />, lng);

const CODE = '000.17.22.H56-200101-0002';

describe('the server lookup notice under the search boxes', () => {
  it('says it is searching the provincial server, then what it found', () => {
    expect(render({ phase: 'searching', text: CODE })).toContain('Đang tìm trên máy chủ tỉnh…');
    const found = render({
      phase: 'answered',
      text: CODE,
      answer: { status: 'found', dossiers: [], more: false },
    });
    expect(found).toContain('data-state="found"');
    expect(found).toContain('Tìm thấy trên máy chủ tỉnh');
  });

  it('says clearly, in Vietnamese and English, that the dossier is not here and the link is down', () => {
    const offline: ServerLookupState = { phase: 'answered', text: CODE, answer: { status: 'offline' } };
    expect(render(offline)).toContain('data-state="offline"');
    expect(render(offline)).toContain('Không có trên máy này và đang mất kết nối — thử lại khi có mạng');
    expect(render(offline, 'en')).toContain('Not on this computer and the connection is down');
  });

  it('tells none found, no server, an unsupported text and a refusal apart', () => {
    expect(render({ phase: 'answered', text: CODE, answer: { status: 'none' } })).toContain(
      `Không có trên máy này và trên máy chủ tỉnh: ${CODE}`,
    );
    expect(render({ phase: 'answered', text: CODE, answer: { status: 'no_server' } })).toContain(
      'data-state="no_server"',
    );
    expect(render({ phase: 'answered', text: '0912', answer: { status: 'unsupported' } })).toContain(
      'data-state="unsupported"',
    );
    expect(render({ phase: 'failed', text: CODE, message: 'too many lookups' })).toContain(
      'Máy chủ tỉnh không trả lời được: too many lookups',
    );
  });
});
