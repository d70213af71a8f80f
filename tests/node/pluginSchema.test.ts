/**
 * Every plugin.json of the bundle (the app, the datasource, the three panels;
 * src/ always, dist/ when built) validated against Grafana's published JSON
 * Schema, grafana/grafana `docs/sources/developers/plugins/plugin.schema.json`
 * (issue 15: the referee wins). The schema declares draft-07, so plain `ajv`
 * (draft-07 is its default) with ajv-formats for `uri` and `email`.
 *
 * SLOLEDGER_PLUGIN_SCHEMA names the schema file; the test is skipped with a
 * printed reason when it is unset.
 *
 * One allowance, only while the schema in hand does not declare the key at all:
 * top-level keys newer than some published versions of the schema
 * (NEWER_KEYS). Once a schema declares such a key, it is validated in full.
 */
import fs from 'node:fs';
import path from 'node:path';
import Ajv, { ErrorObject } from 'ajv';
import addFormats from 'ajv-formats';

const root = path.resolve(__dirname, '../..');

/**
 * Listed by the plugin-tools reference generated from the current schema
 * (grafana/plugin-tools docusaurus/docs/reference/metadata.md), absent from older copies:
 * `iam` (the plugin's service account, PLATFORM.md §8) and `buildMode` (written into
 * dist/ by the create-plugin webpack config).
 */
const NEWER_KEYS = ['iam', 'buildMode'];

function manifests(base: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        walk(full);
      } else if (entry.name === 'plugin.json') {
        out.push(full);
      }
    }
  };
  if (fs.existsSync(base)) {
    walk(base);
  }
  return out.sort();
}

const schemaPath = process.env.SLOLEDGER_PLUGIN_SCHEMA;
if (!schemaPath || !fs.existsSync(schemaPath)) {
  console.warn(
    `pluginSchema: SLOLEDGER_PLUGIN_SCHEMA is ${schemaPath ? `"${schemaPath}", not a file` : 'not set'} (Grafana's plugin.schema.json); plugin.json files were not validated`
  );
}

(schemaPath && fs.existsSync(schemaPath) ? describe : describe.skip)(
  "plugin.json files against Grafana's plugin.schema.json",
  () => {
    const schema = schemaPath ? JSON.parse(fs.readFileSync(schemaPath, 'utf8')) : {};
    // WHY unicodeRegExp off: the schema's patterns escape '-' (`\-`), invalid under the u flag Ajv uses by default
    const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
    addFormats(ajv);
    const validate = ajv.compile(schema);
    const undeclared = NEWER_KEYS.filter((k) => !schema.properties?.[k]);
    const src = manifests(path.join(root, 'src'));
    const dist = manifests(path.join(root, 'dist'));
    if (dist.length === 0) {
      console.warn('pluginSchema: no dist/ plugin.json (run `npm run build`); only src/ was validated');
    }

    function problems(file: string): ErrorObject[] {
      const json = JSON.parse(fs.readFileSync(file, 'utf8'));
      validate(json);
      return (validate.errors ?? []).filter(
        (e) =>
          !(
            e.keyword === 'additionalProperties' &&
            e.instancePath === '' &&
            undeclared.includes((e.params as { additionalProperty: string }).additionalProperty)
          )
      );
    }

    it('finds the app, the datasource and three panels in src/', () => {
      expect(src.map((f) => path.relative(root, f))).toEqual([
        'src/datasource/plugin.json',
        'src/panels/adherence/plugin.json',
        'src/panels/budget/plugin.json',
        'src/panels/overview/plugin.json',
        'src/plugin.json',
      ]);
    });

    it.each([...src, ...dist].map((f) => [path.relative(root, f), f]))('%s is valid', (_name, file) => {
      expect(problems(file)).toEqual([]);
    });

    it('rejects a plugin.json Grafana would refuse (a bad id, no keywords, an unknown key)', () => {
      console.log(
        `pluginSchema: ${schemaPath}; ${src.length + dist.length} files; keys let through undeclared: ${undeclared.join(', ') || 'none'}`
      );
      const app = JSON.parse(fs.readFileSync(path.join(root, 'src/plugin.json'), 'utf8'));
      const broken = { ...app, id: 'SLO_Ledger', info: { ...app.info, keywords: undefined }, unknownKey: true };
      expect(validate(JSON.parse(JSON.stringify(broken)))).toBe(false);
      expect((validate.errors ?? []).map((e) => `${e.instancePath} ${e.keyword}`).sort()).toEqual([
        ' additionalProperties',
        '/id pattern',
        '/info required',
      ]);
    });
  }
);
