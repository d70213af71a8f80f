import { checkDatasourceHealth } from './AppConfig';
import { Observable, of, throwError } from 'rxjs';

const backend: { fetch: (req: { url: string }) => Observable<unknown> } = { fetch: () => of({}) };
jest.mock('@grafana/runtime', () => ({
  ...jest.requireActual('@grafana/runtime'),
  getBackendSrv: () => ({ fetch: (req: never) => backend.fetch(req) }),
}));

describe('configuration page health check', () => {
  it('asks the chosen datasource for its health and shows its message', async () => {
    const urls: string[] = [];
    backend.fetch = (req) => {
      urls.push(req.url);
      return of({ data: { status: 'OK', message: 'catalog: 6 SLOs; demo source: synthetic traffic' } });
    };
    expect(await checkDatasourceHealth('sloledger')).toEqual({ status: 'OK', message: 'catalog: 6 SLOs; demo source: synthetic traffic' });
    expect(urls).toEqual(['/api/datasources/uid/sloledger/health']);
  });

  it('keeps the message of a failed check (catalog errors at file:line)', async () => {
    backend.fetch = () => throwError(() => ({ status: 400, data: { status: 'ERROR', message: 'slos.yaml:3: objective must be below 100' } }));
    expect(await checkDatasourceHealth('sloledger')).toEqual({ status: 'ERROR', message: 'slos.yaml:3: objective must be below 100' });
  });

  it('says when nothing answers', async () => {
    backend.fetch = () => throwError(() => ({ status: 502 }));
    expect(await checkDatasourceHealth('x')).toEqual({ status: 'ERROR', message: 'health check failed (502)' });
  });
});
