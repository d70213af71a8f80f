/**
 * Which dialect a catalog document is written in, by apiVersion/kind (or
 * Sloth's `version`), and the documents of the foreign dialects until every
 * file is read (DESIGN.md "The catalog": native, OpenSLO, Sloth, Pyrra).
 */
import { Catalog } from '../model/model';
import { adoptForeign, ForeignService, ForeignSlo } from './foreign';
import { IssueSink } from './issues';
import { OPENSLO_API, OpenSloDocuments } from './openslo';
import { PYRRA_API, PYRRA_KIND, readPyrraDocument } from './pyrra';
import { readSlothDocument, SLOTH_K8S_API, SLOTH_VERSION } from './sloth';
import { child, joinPath, MapNode } from './yamlRead';
import { isMap } from 'yaml';

/** The apiVersions (and Sloth version) the loader reads, for error messages. */
export const DIALECTS = `sloledger/v1, ${OPENSLO_API}, ${PYRRA_API} (kind ${PYRRA_KIND}), ${SLOTH_K8S_API} (kind PrometheusServiceLevel), or Sloth's version: ${SLOTH_VERSION}`;

export class ForeignDocuments {
  private readonly openslo = new OpenSloDocuments();
  private readonly slos: ForeignSlo[] = [];
  private readonly services: ForeignService[] = [];

  /** Reads `root` when it is a foreign dialect; false when it is none of them. */
  read(root: MapNode, prefix: string, file: string, sink: IssueSink): boolean {
    const apiVersion = root.get('apiVersion');
    const kind = root.get('kind');
    if (apiVersion === OPENSLO_API) {
      this.openslo.add(root, prefix, file, sink);
      return true;
    }
    if (apiVersion === PYRRA_API || apiVersion === SLOTH_K8S_API) {
      const expected = apiVersion === PYRRA_API ? PYRRA_KIND : 'PrometheusServiceLevel';
      if (kind !== expected) {
        sink.error(child(root, 'kind') ?? root, joinPath(prefix, 'kind'), `${apiVersion} documents are read with kind: ${expected} (got ${JSON.stringify(kind ?? null)})`);
      } else if (apiVersion === PYRRA_API) {
        readPyrraDocument(root, prefix, file, sink, this.slos);
      } else if (!isMap(child(root, 'spec'))) {
        sink.error(child(root, 'spec') ?? root, joinPath(prefix, 'spec'), 'required: spec with service and slos');
      } else {
        readSlothDocument(child(root, 'spec') as MapNode, joinPath(prefix, 'spec'), 'k8s', file, sink, this.slos);
      }
      return true;
    }
    if (apiVersion === undefined && root.get('version') === SLOTH_VERSION) {
      readSlothDocument(root, prefix, 'plain', file, sink, this.slos);
      return true;
    }
    return false;
  }

  /** After every file: OpenSLO references resolved, services and SLOs added with their teams, in file order. */
  finish(into: Catalog, fileOrder: readonly string[]): void {
    this.openslo.resolve(this.services, this.slos);
    const rank = new Map(fileOrder.map((name, i) => [name, i]));
    const at = (o: { file: string; line: number; column: number }) => [rank.get(o.file) ?? 0, o.line, o.column];
    const byPlace = (a: { file: string; line: number; column: number }, b: { file: string; line: number; column: number }) => {
      const [x, y] = [at(a), at(b)];
      return x[0] - y[0] || x[1] - y[1] || x[2] - y[2];
    };
    this.slos.sort((a, b) => byPlace(a.slo.origin, b.slo.origin));
    adoptForeign(this.services, this.slos, into);
  }
}
