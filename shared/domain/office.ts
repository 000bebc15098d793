import { z } from 'zod';
import { idSchema, isoDateTimeSchema } from './primitives';

/** Agency code after QCVN 102:2016/BTTTT, e.g. `000.17.22.H56`. */
export const AGENCY_CODE_PATTERN = /^\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}$/;
export const agencyCodeSchema = z.string().regex(AGENCY_CODE_PATTERN, 'validation.agency_code_invalid');

/** Office level is configuration: the 2025 reform replaced districts with communes. */
export const OFFICE_LEVELS = ['province', 'district', 'commune'] as const;
export const officeLevelSchema = z.enum(OFFICE_LEVELS);
export type OfficeLevel = z.infer<typeof officeLevelSchema>;

export const officeSchema = z.object({
  id: idSchema,
  agencyCode: agencyCodeSchema,
  level: officeLevelSchema,
  name: z.string().min(1).max(200),
  /** The governing body printed in form headers, e.g. "UBND TỈNH THÁI BÌNH". */
  parentName: z.string().max(200),
  address: z.string().max(300),
  phone: z.string().max(30),
  updatedAt: isoDateTimeSchema,
});
export type Office = z.infer<typeof officeSchema>;

export const counterSchema = z.object({
  id: idSchema,
  officeId: idSchema,
  name: z.string().min(1).max(100),
  updatedAt: isoDateTimeSchema,
});
export type Counter = z.infer<typeof counterSchema>;
