/** Contract handlers for datasets and the SQL console; the work lives in DatasetsService. */
import type { DatasetsApi } from '../../../shared/datasets';
import type { HandlerSlice } from '../core/handlers';
import type { DatasetsService } from './datasets-service';

export function datasetsHandlers(service: DatasetsService): HandlerSlice<DatasetsApi> {
  return {
    'datasets.preview': ({ paths, options }) => service.preview(paths, options),
    'datasets.import': async (request) => ({ jobId: service.startImport(request).jobId }),
    'datasets.list': () => service.list(),
    'datasets.versions': ({ dataset }) => service.versions(dataset),
    'datasets.version': ({ version }) => service.version(version),
    'datasets.rename': ({ dataset, newName }) => service.rename(dataset, newName),
    'datasets.tag': ({ dataset, tags }) => service.tag(dataset, tags),
    'datasets.delete': ({ dataset }) => service.delete(dataset),
    'datasets.retype': async ({ version, changes }) => ({
      jobId: service.startRetype(version, changes).jobId,
    }),
    'datasets.page': (request) => service.page(request),
    'datasets.insights': ({ version }) => service.insights(version),
    'datasets.rejects': ({ version, offset, limit }) => service.rejects(version, offset, limit),
    'datasets.export': async ({ version, format, path }) => ({
      jobId: (await service.startExport(version, format, path)).jobId,
    }),
    'sql.run': ({ sql, limit }) => service.sqlRun(sql, limit),
    'sql.save': async ({ sql, name }) => ({ jobId: service.startSqlSave(sql, name).jobId }),
    'sql.completions': () => service.completions(),
  };
}
