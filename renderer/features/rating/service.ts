import { useSyncExternalStore } from 'react';
import { serviceContext, useRequired } from '../service-context';
import type { DeskState, RatingDesk } from './desk';

export type { DeskState, RatingDesk } from './desk';

export const RatingDeskContext = serviceContext<RatingDesk>();
export const useRatingDesk = (): RatingDesk => useRequired(RatingDeskContext, 'RatingDesk');

/** The rating screen's state as the counter sees it, re-rendered on every change. */
export function useRatingDeskState(): DeskState {
  const desk = useRatingDesk();
  return useSyncExternalStore(desk.subscribe, desk.get);
}
