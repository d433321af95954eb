/** The diagnostic charts a run may have, with their titles and axis names. */
export type DiagnosticKind = 'roc' | 'pr' | 'calibration' | 'residuals';

export const DIAGNOSTIC_AXES: Record<DiagnosticKind, { title: string; x: string; y: string }> = {
  roc: { title: 'ROC curve', x: 'false positive rate', y: 'true positive rate' },
  pr: { title: 'Precision–recall curve', x: 'recall', y: 'precision' },
  calibration: { title: 'Calibration', x: 'mean predicted probability', y: 'observed frequency' },
  residuals: { title: 'Residuals', x: 'predicted', y: 'actual − predicted' },
};
