import { App, Badge, Button } from 'antd';
import { useRatingTranslation } from './i18n';
import { useRatingDesk, useRatingDeskState } from './service';

/** The header's button that opens the citizen's rating screen, with a dot saying whether one is attached. */
export function RatingScreenButton() {
  const { t } = useRatingTranslation();
  const desk = useRatingDesk();
  const { attached } = useRatingDeskState();
  const { message } = App.useApp();
  const open = async () => {
    try {
      const result = await desk.openScreen();
      if (!result.opened) void message.warning(t('rating_screen.not_opened'));
    } catch (e) {
      void message.error(t('errors.generic', { message: e instanceof Error ? e.message : String(e) }));
    }
  };
  return (
    <Badge dot status={attached ? 'success' : 'default'} offset={[-4, 4]}>
      <Button
        size="small"
        onClick={() => void open()}
        title={`${t('rating_screen.open_title')} — ${t(attached ? 'rating_screen.attached' : 'rating_screen.detached')}`}
        data-testid="open-rating-screen"
        data-attached={attached ? 'true' : 'false'}
      >
        {t('rating_screen.open')}
      </Button>
    </Badge>
  );
}
