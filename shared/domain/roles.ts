import { z } from 'zod';

/** Roles an officer can hold at a counter. One officer may hold several. */
export const ROLES = ['receiver', 'appraiser', 'approver', 'sealer', 'supervisor', 'admin'] as const;
export const roleSchema = z.enum(ROLES);
export type Role = z.infer<typeof roleSchema>;

/** The five on-site steps of the "5 tại chỗ" model, in order. */
export const ON_SITE_STEPS = ['receive', 'appraise', 'approve', 'seal', 'return'] as const;
export const onSiteStepSchema = z.enum(ON_SITE_STEPS);
export type OnSiteStep = z.infer<typeof onSiteStepSchema>;
