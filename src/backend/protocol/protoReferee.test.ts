/**
 * Our hand-written `.proto` files against the published ones (issue 15: the
 * referee wins). Both sides are parsed with protobufjs; every message, field,
 * enum value, service and method we declare must exist in the referee with the
 * same name, number, type, label (repeated / map / proto3 optional) and
 * streaming. Fields the referee has and we leave out are allowed (proto3
 * skips unknown fields) and only counted.
 *
 * Referee files, read from paths in the environment (each comparison is
 * skipped with a printed reason when its variable is unset):
 * - SLOLEDGER_SDK_PROTO: grafana-plugin-sdk-go `proto/backend.proto` (package pluginv2)
 * - SLOLEDGER_GRPC_HEALTH_PROTO: grpc's `grpc/health/v1/health.proto`
 * - SLOLEDGER_GOPLUGIN_CONTROLLER_PROTO: hashicorp/go-plugin `internal/plugin/grpc_controller.proto`
 * The last two default to the copies in Debian's golang-google-grpc-dev and
 * golang-github-hashicorp-go-plugin-dev, which .ci/run installs for
 * tests/compat, so CI compares them on every run.
 */
import fs from 'node:fs';
import * as protobuf from 'protobufjs';
import pluginv2Proto from './pluginv2.proto';
import healthProto from './health.proto';
import controllerProto from './controller.proto';

interface Comparison {
  problems: string[];
  compared: { messages: number; fields: number; enumValues: number; methods: number };
  /** Referee fields of our messages that we do not declare. */
  omitted: string[];
}

function parse(text: string): protobuf.Root {
  const root = new protobuf.Root();
  protobuf.parse(text, root, { keepCase: true });
  root.resolveAll();
  return root;
}

/** `p.M` for protobufjs's `.p.M`. */
function fullName(item: protobuf.ReflectionObject): string {
  return item.fullName.replace(/^\./, '');
}

function typeName(field: protobuf.Field): string {
  return field.resolvedType ? fullName(field.resolvedType) : field.type;
}

function label(field: protobuf.Field): string {
  if (field instanceof protobuf.MapField) {
    return `map<${field.keyType}>`;
  }
  if (field.repeated) {
    return 'repeated';
  }
  return field.options?.proto3_optional ? 'optional' : '';
}

/** Compares everything `ours` declares with the same full names in `referee`. */
export function compareProtos(ours: protobuf.Root, referee: protobuf.Root): Comparison {
  const result: Comparison = {
    problems: [],
    compared: { messages: 0, fields: 0, enumValues: 0, methods: 0 },
    omitted: [],
  };
  const problem = (text: string) => result.problems.push(text);
  const walk = (ns: protobuf.NamespaceBase) => {
    for (const item of ns.nestedArray) {
      const theirs = referee.lookup(item.fullName);
      if (item instanceof protobuf.Type) {
        if (!(theirs instanceof protobuf.Type)) {
          problem(`message ${fullName(item)}: not in the referee`);
          continue;
        }
        result.compared.messages++;
        for (const field of item.fieldsArray) {
          const other = theirs.fields[field.name];
          const where = `${fullName(item)}.${field.name}`;
          if (!other) {
            const sameNumber = theirs.fieldsById[field.id];
            problem(
              `${where} = ${field.id}: no such field in the referee${sameNumber ? ` (number ${field.id} is ${sameNumber.name} there)` : ''}`
            );
            continue;
          }
          result.compared.fields++;
          const mine = `${field.id} ${label(field)} ${typeName(field)}`;
          const want = `${other.id} ${label(other)} ${typeName(other)}`;
          if (mine !== want) {
            problem(`${where}: ours "${mine}", referee "${want}"`);
          }
        }
        for (const other of theirs.fieldsArray) {
          if (!item.fields[other.name]) {
            result.omitted.push(`${fullName(theirs)}.${other.name} = ${other.id}`);
          }
        }
      } else if (item instanceof protobuf.Enum) {
        if (!(theirs instanceof protobuf.Enum)) {
          problem(`enum ${fullName(item)}: not in the referee`);
          continue;
        }
        for (const [name, value] of Object.entries(item.values)) {
          result.compared.enumValues++;
          if (theirs.values[name] !== value) {
            problem(
              `${fullName(item)}.${name} = ${value}: referee ${theirs.values[name] === undefined ? 'has no such value' : `says ${theirs.values[name]}`}`
            );
          }
        }
      } else if (item instanceof protobuf.Service) {
        if (!(theirs instanceof protobuf.Service)) {
          problem(`service ${fullName(item)}: not in the referee`);
          continue;
        }
        for (const method of item.methodsArray) {
          const other = theirs.methods[method.name];
          if (!other) {
            problem(`${fullName(item)}/${method.name}: not in the referee`);
            continue;
          }
          result.compared.methods++;
          const sig = (m: protobuf.Method) =>
            `${m.requestStream ? 'stream ' : ''}${m.resolvedRequestType ? fullName(m.resolvedRequestType) : m.requestType} → ${m.responseStream ? 'stream ' : ''}${m.resolvedResponseType ? fullName(m.resolvedResponseType) : m.responseType}`;
          if (sig(method) !== sig(other)) {
            problem(`${fullName(item)}/${method.name}: ours ${sig(method)}, referee ${sig(other)}`);
          }
        }
      }
      if (item instanceof protobuf.Namespace || item instanceof protobuf.Type) {
        walk(item);
      }
    }
  };
  walk(ours);
  return result;
}

/** Where Debian's packages put the published files (the GOPATH layout of /usr/share/gocode). */
const DEBIAN_GOCODE = '/usr/share/gocode/src';
const REFEREES: Array<[string, string, string, string | undefined]> = [
  ['pluginv2.proto', 'SLOLEDGER_SDK_PROTO', pluginv2Proto, undefined],
  ['health.proto', 'SLOLEDGER_GRPC_HEALTH_PROTO', healthProto, `${DEBIAN_GOCODE}/google.golang.org/grpc/debian/missing-sources/grpc/grpc-proto/master/grpc/health/v1/health.proto`],
  ['controller.proto', 'SLOLEDGER_GOPLUGIN_CONTROLLER_PROTO', controllerProto, `${DEBIAN_GOCODE}/github.com/hashicorp/go-plugin/internal/plugin/grpc_controller.proto`],
];

describe.each(REFEREES)('our %s against the published file named by %s', (file, variable, text, debianPath) => {
  const refereePath = process.env[variable] || debianPath;
  if (!refereePath || !fs.existsSync(refereePath)) {
    it.skip(`needs ${variable}${debianPath ? ` or Debian's copy at ${debianPath}` : ''}`, () => undefined);
    console.warn(
      `protoReferee: ${variable} is ${refereePath ? `"${refereePath}", not a file` : 'not set'}; ${file} was not compared`
    );
    return;
  }

  it('declares every message, field, enum value and method as the referee does', () => {
    const result = compareProtos(parse(text), parse(fs.readFileSync(refereePath, 'utf8')));
    console.log(
      `protoReferee ${file} vs ${refereePath}: ${result.compared.messages} messages, ${result.compared.fields} fields, ` +
        `${result.compared.enumValues} enum values, ${result.compared.methods} methods compared; ${result.omitted.length} referee fields not declared by us`
    );
    expect(result.problems).toEqual([]);
    expect(result.compared.fields + result.compared.methods).toBeGreaterThan(0);
  });
});

describe('compareProtos', () => {
  const referee = parse(
    'syntax = "proto3"; package p; message M { string a = 1; repeated int64 b = 2; map<string, string> c = 3; } enum E { X = 0; Y = 1; }'
  );

  it('accepts a subset with the same numbers and types', () => {
    expect(
      compareProtos(
        parse('syntax = "proto3"; package p; message M { string a = 1; map<string, string> c = 3; } enum E { X = 0; }'),
        referee
      )
    ).toMatchObject({
      problems: [],
      omitted: ['p.M.b = 2'],
    });
  });

  it('reports a wrong number, a wrong type, a lost label, a wrong enum value and an unknown field', () => {
    const ours = parse(
      'syntax = "proto3"; package p; message M { string a = 4; int64 b = 2; string c = 3; string d = 1; } enum E { X = 0; Y = 2; }'
    );
    expect(compareProtos(ours, referee).problems).toEqual([
      'p.M.a: ours "4  string", referee "1  string"',
      'p.M.b: ours "2  int64", referee "2 repeated int64"',
      'p.M.c: ours "3  string", referee "3 map<string> string"',
      'p.M.d = 1: no such field in the referee (number 1 is a there)',
      'p.E.Y = 2: referee says 1',
    ]);
  });
});
