/**
 * The names people read for what a run records as ids: "Gradient boosting", not gbdt;
 * "5-fold CV" or "Holdout 20%", not a validation object. Pure, so tests cover them.
 */
import { CATALOGUE } from '../../shared/training-catalogue';
import type { AlgorithmId, ValidationSpec } from '../../shared/training';

export function algorithmLabel(id: AlgorithmId): string {
  return CATALOGUE.find((a) => a.id === id)?.label ?? id;
}

export function validationLabel(spec: ValidationSpec): string {
  if (spec.kind === 'none') return 'No validation (scored on the training rows)';
  if (spec.kind === 'kfold') return `${spec.folds ?? 5}-fold CV${spec.stratified ? ', stratified' : ''}`;
  const percent = `${Math.round((spec.fraction ?? 0.2) * 1000) / 10}%`;
  if (spec.strategy === 'time') return `Holdout ${percent}, the latest by ${spec.column}`;
  if (spec.strategy === 'group') return `Holdout ${percent}, whole groups of ${spec.column}`;
  return `Holdout ${percent}${spec.strategy === 'stratified' ? ', stratified' : ''}`;
}
