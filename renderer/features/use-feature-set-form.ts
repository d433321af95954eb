/**
 * The state of the form that saves a feature set: what people typed, the feature columns
 * (every column but the entity's and the time's, less those unticked), the request it
 * makes and, while it cannot be sent, the one sentence saying what is missing.
 */
import { useState } from 'react';
import type { Step } from '../../shared/clean/recipe';
import type { ColumnInfo, DatasetVersion } from '../../shared/datasets';
import type { CreateFeatureSetRequest } from '../../shared/features/feature-sets';

const splitList = (text: string) =>
  text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

export interface FeatureSetTexts {
  name: string;
  ttl: string;
  description: string;
  owner: string;
  tags: string;
}

export function useFeatureSetForm(
  version: DatasetVersion,
  columns: ColumnInfo[],
  steps: Step[],
  initialLeftOut: string[] = [],
) {
  const time = columns.find((c) => /^(DATE|TIMESTAMP)/i.test(c.type))?.name ?? '';
  const [texts, setTexts] = useState<FeatureSetTexts>({
    name: `${version.dataset.replace(/[^A-Za-z0-9_]/g, '_')}_features`,
    ttl: '',
    description: '',
    owner: '',
    tags: '',
  });
  const [entity, setEntity] = useState<string[]>([]);
  const [timeColumn, setTimeColumn] = useState(time);
  const [leftOut, setLeftOut] = useState<string[]>(initialLeftOut);
  const candidates = columns.filter((c) => !entity.includes(c.name) && c.name !== timeColumn);
  const features = candidates.map((c) => c.name).filter((c) => !leftOut.includes(c));
  const optional = (key: 'ttl' | 'description' | 'owner') =>
    texts[key].trim() ? { [key]: texts[key].trim() } : {};
  const request: CreateFeatureSetRequest = {
    name: texts.name.trim(),
    dataset: version.id,
    entity,
    timeColumn,
    features,
    ...(steps.length > 0 ? { recipe: { steps } } : {}),
    ...optional('ttl'),
    ...optional('description'),
    ...optional('owner'),
    ...(texts.tags.trim() ? { tags: splitList(texts.tags) } : {}),
  };
  const missing = !request.name
    ? 'Give the set a name.'
    : entity.length === 0
      ? 'Tick the entity’s key column(s): what each row describes (a station, a customer…).'
      : !timeColumn
        ? 'Choose the time column.'
        : features.length === 0
          ? 'Tick at least one feature.'
          : null;
  return {
    texts,
    setText: (key: keyof FeatureSetTexts, value: string) => setTexts((t) => ({ ...t, [key]: value })),
    entity,
    setEntity,
    timeColumn,
    setTimeColumn,
    candidates,
    features,
    setFeatures: (on: string[]) => setLeftOut(candidates.map((c) => c.name).filter((c) => !on.includes(c))),
    request,
    missing,
  };
}

export type FeatureSetForm = ReturnType<typeof useFeatureSetForm>;
