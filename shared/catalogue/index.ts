export * from './layout';
export {
  CellError,
  cellText,
  formatDate,
  formatDocuments,
  formatFees,
  formatLegalTime,
  formatSteps,
  type DocumentLine,
} from './cells';
export {
  CODE_PATTERN,
  parseCatalogueSheet,
  tooManyRows,
  isBlankRow,
  type RowError,
  type SheetParse,
  type VersionRow,
} from './parse';
export {
  canonical,
  planImport,
  type CatalogueState,
  type ChangeStatus,
  type ImportPlan,
  type PlanClock,
  type ProcedurePlan,
} from './plan';
export { catalogueRows } from './export';
export { holidayDocumentOf, scheduleOfDocument } from './holidays';
export * from './contract';
