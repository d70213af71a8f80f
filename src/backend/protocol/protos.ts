/**
 * Loads the plugin's gRPC service definitions from `.proto` text embedded in
 * the bundle. WHY not `loadSync(path)`: a single-executable application has
 * no files to read at run time, so the text is parsed with protobufjs and
 * handed to proto-loader's `fromJSON`.
 */
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import * as protobuf from 'protobufjs';
import pluginv2Proto from './pluginv2.proto';
import healthProto from './health.proto';
import controllerProto from './controller.proto';

/**
 * Decoding options shared by the server and the test clients: int64 as JS
 * numbers (epoch ms and ids fit in 2^53), bytes as Buffers, enums as names,
 * unset scalars as their defaults, unset messages as null.
 */
export const PROTO_OPTIONS: protoLoader.Options = {
  keepCase: true,
  longs: Number,
  enums: String,
  bytes: Buffer,
  defaults: true,
  arrays: true,
  objects: true,
  oneofs: true,
};

/** The three embedded files, in load order. */
export const PROTO_TEXTS: readonly string[] = [pluginv2Proto, healthProto, controllerProto];

/** Typed view of the services the plugin serves (and the test clients call). */
export interface PluginServices {
  data: grpc.ServiceClientConstructor;
  diagnostics: grpc.ServiceClientConstructor;
  resource: grpc.ServiceClientConstructor;
  health: grpc.ServiceClientConstructor;
  controller: grpc.ServiceClientConstructor;
}

let cached: PluginServices | undefined;

/** Parses the embedded protos once and returns the service constructors. */
export function loadPluginServices(): PluginServices {
  if (cached) {
    return cached;
  }
  const root = new protobuf.Root();
  for (const text of PROTO_TEXTS) {
    protobuf.parse(text, root, { keepCase: true });
  }
  const definition = protoLoader.fromJSON(root.toJSON(), PROTO_OPTIONS);
  const pkg = grpc.loadPackageDefinition(definition) as unknown as GrpcObjectTree;
  cached = {
    data: pkg.pluginv2.Data,
    diagnostics: pkg.pluginv2.Diagnostics,
    resource: pkg.pluginv2.Resource,
    health: pkg.grpc.health.v1.Health,
    controller: pkg.plugin.GRPCController,
  };
  return cached;
}

interface GrpcObjectTree {
  pluginv2: Record<'Data' | 'Diagnostics' | 'Resource', grpc.ServiceClientConstructor>;
  grpc: { health: { v1: { Health: grpc.ServiceClientConstructor } } };
  plugin: { GRPCController: grpc.ServiceClientConstructor };
}
