// A real gRPC-Web client for Legate's integration tests: Google's grpc-web runtime, in node over the xhr2
// XMLHttpRequest. Usage: node client.mjs BASE_URL FORMAT KIND NAME [key=value metadata...]
//   FORMAT: text (application/grpc-web-text) or binary (application/grpc-web+proto)
//   KIND: hello (helloworld.Greeter/SayHello), unary (grpc.testing.SimpleService/UnaryRpc)
//         or stream (grpc.testing.SimpleService/ServerStreamingRpc)
// Prints one JSON line per event: {"event":"message","value":...}, {"event":"status","code":...,"details":...}
// or {"event":"error","code":...,"message":...}, then exits 0; a call still going after 20 s exits 3.
import XMLHttpRequest from 'xhr2';
import grpcWeb from 'grpc-web';
import wrappers from 'google-protobuf/google/protobuf/wrappers_pb.js';

globalThis.XMLHttpRequest = XMLHttpRequest;

const { GrpcWebClientBase, MethodDescriptor, MethodType } = grpcWeb;
const { StringValue } = wrappers;
const [baseUrl, format, kind, name, ...pairs] = process.argv.slice(2);
const metadata = Object.fromEntries(pairs.map((pair) => pair.split(/=(.*)/s).slice(0, 2)));

// helloworld's HelloRequest/HelloReply and grpc.testing's SimpleRequest/SimpleResponse are StringValue on the wire.
const descriptor = (path, type) => new MethodDescriptor(path, type, StringValue, StringValue,
  (request) => request.serializeBinary(), StringValue.deserializeBinary);

const client = new GrpcWebClientBase({ format });
const request = new StringValue();
request.setValue(name);
const print = (event) => process.stdout.write(JSON.stringify(event) + '\n');
// A call that never ends is a failure to report, not a test run that hangs.
const watchdog = setTimeout(() => {
  print({ event: 'timeout' });
  process.exit(3);
}, 20000);
const done = () => clearTimeout(watchdog);

const UNARY = { hello: '/helloworld.Greeter/SayHello', unary: '/grpc.testing.SimpleService/UnaryRpc' };

if (UNARY[kind]) {
  const method = descriptor(UNARY[kind], MethodType.UNARY);
  const call = client.rpcCall(baseUrl + method.getName(), request, metadata, method, (error, reply) => {
    if (error) {
      print({ event: 'error', code: error.code, message: error.message });
    } else {
      print({ event: 'message', value: reply.getValue() });
    }
    done();
  });
  call.on('status', (status) => print({ event: 'status', code: status.code, details: status.details }));
} else if (kind === 'stream') {
  const method = descriptor('/grpc.testing.SimpleService/ServerStreamingRpc', MethodType.SERVER_STREAMING);
  const stream = client.serverStreaming(baseUrl + method.getName(), request, metadata, method);
  stream.on('data', (reply) => print({ event: 'message', value: reply.getValue() }));
  stream.on('status', (status) => print({ event: 'status', code: status.code, details: status.details }));
  stream.on('error', (error) => {
    print({ event: 'error', code: error.code, message: error.message });
    done();
  });
  stream.on('end', () => {
    print({ event: 'end' });
    done();
  });
} else {
  process.stderr.write(`unknown call kind: ${kind}\n`);
  process.exit(2);
}
