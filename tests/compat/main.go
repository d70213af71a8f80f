// Command compat is an independent go-plugin host configured like Grafana
// (pkg/plugins/backendplugin/grpcplugin: protocol version 2, cookie
// grafana_plugin_type=datasource, gRPC only, no AutoMTLS). It starts the
// backend executable, checks the handshake, Ping (gRPC health), the pluginv2
// calls Grafana makes (requests hand-encoded with protowire, no generated
// code), that go-plugin parsed our stderr as hclog JSON, and a graceful Kill.
//
// Built in GOPATH mode from Debian packages (PLATFORM.md §11); see run.sh.
package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"
	"sync"
	"time"

	"github.com/hashicorp/go-hclog"
	plugin "github.com/hashicorp/go-plugin"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/encoding/protowire"
)

// rawCodec sends and receives messages as the bytes we encode by hand.
type rawCodec struct{}

func (rawCodec) Marshal(v interface{}) ([]byte, error) { return *(v.(*[]byte)), nil }
func (rawCodec) Unmarshal(data []byte, v interface{}) error {
	*(v.(*[]byte)) = append([]byte(nil), data...)
	return nil
}
func (rawCodec) Name() string { return "proto" }

// connPlugin hands out the raw gRPC connection, as Grafana's plugin set hands out typed clients.
type connPlugin struct{ plugin.NetRPCUnsupportedPlugin }

func (connPlugin) GRPCServer(*plugin.GRPCBroker, *grpc.Server) error { return errors.New("host only") }
func (connPlugin) GRPCClient(_ context.Context, _ *plugin.GRPCBroker, c *grpc.ClientConn) (interface{}, error) {
	return c, nil
}

// lockedBuffer collects the host's own log output (go-plugin re-logs the plugin's stderr there).
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

var passed, failed int

func check(name string, err error) {
	if err != nil {
		failed++
		fmt.Printf("FAIL %s: %v\n", name, err)
		return
	}
	passed++
	fmt.Printf("ok   %s\n", name)
}

// ---- hand-encoded pluginv2 messages (field numbers from backend.proto) ----

func str(b []byte, num protowire.Number, s string) []byte {
	b = protowire.AppendTag(b, num, protowire.BytesType)
	return protowire.AppendString(b, s)
}

func msg(b []byte, num protowire.Number, m []byte) []byte {
	b = protowire.AppendTag(b, num, protowire.BytesType)
	return protowire.AppendBytes(b, m)
}

func varint(b []byte, num protowire.Number, v uint64) []byte {
	b = protowire.AppendTag(b, num, protowire.VarintType)
	return protowire.AppendVarint(b, v)
}

// pluginContext: orgId 1, pluginId 2, user 3, dataSourceInstanceSettings 5.
func pluginContext() []byte {
	var ds []byte
	ds = varint(ds, 1, 3)                         // id
	ds = str(ds, 2, "SLO Ledger")                 // name
	ds = str(ds, 3, "http://prometheus:9090")     // url
	// jsonData: the demo source and a one-SLO catalog, so every call has real work to do
	ds = msg(ds, 8, []byte(`{"demo":true,"catalogYaml":"apiVersion: sloledger/v1\nteams: [{name: payments}]\nservices:\n  - name: checkout\n    team: payments\n    slos:\n      - {name: orders, sli: availability, objective: 99.9, source: demo, good: 'demo_good{slo=\\\"orders\\\"}[$__window]', total: 'demo_total{slo=\\\"orders\\\"}[$__window]'}\n"}`))
	ds = varint(ds, 10, uint64(1763800000000))    // lastUpdatedMS
	ds = str(ds, 11, "sloledger")                 // uid
	var user []byte
	user = str(user, 1, "admin")
	user = str(user, 4, "Admin")
	var pc []byte
	pc = varint(pc, 1, 1)
	pc = str(pc, 2, "sloledger-datasource")
	pc = msg(pc, 3, user)
	pc = msg(pc, 5, ds)
	return pc
}

// QueryDataRequest: pluginContext 1, headers 2 (map), queries 3; DataQuery: refId 1, timeRange 4, json 5, queryType 6.
func queryDataRequest(refID string) []byte {
	var tr []byte
	now := uint64(time.Now().UnixNano() / 1e6)
	tr = varint(tr, 1, now-3600000)
	tr = varint(tr, 2, now)
	var q []byte
	q = str(q, 1, refID)
	q = varint(q, 2, 100)
	q = varint(q, 3, 60000)
	q = msg(q, 4, tr)
	q = msg(q, 5, []byte(`{"refId":"`+refID+`"}`))
	q = str(q, 6, "sli")
	var header []byte
	header = str(header, 1, "FromAlert")
	header = str(header, 2, "true")
	var req []byte
	req = msg(req, 1, pluginContext())
	req = msg(req, 2, header)
	req = msg(req, 3, q)
	return req
}

// fields decodes one message level: field number → list of raw values.
func fields(b []byte) (map[protowire.Number][][]byte, map[protowire.Number][]uint64, error) {
	bytesFields := map[protowire.Number][][]byte{}
	varints := map[protowire.Number][]uint64{}
	for len(b) > 0 {
		num, typ, n := protowire.ConsumeTag(b)
		if n < 0 {
			return nil, nil, protowire.ParseError(n)
		}
		b = b[n:]
		switch typ {
		case protowire.BytesType:
			v, m := protowire.ConsumeBytes(b)
			if m < 0 {
				return nil, nil, protowire.ParseError(m)
			}
			bytesFields[num] = append(bytesFields[num], v)
			b = b[m:]
		case protowire.VarintType:
			v, m := protowire.ConsumeVarint(b)
			if m < 0 {
				return nil, nil, protowire.ParseError(m)
			}
			varints[num] = append(varints[num], v)
			b = b[m:]
		default:
			m := protowire.ConsumeFieldValue(num, typ, b)
			if m < 0 {
				return nil, nil, protowire.ParseError(m)
			}
			b = b[m:]
		}
	}
	return bytesFields, varints, nil
}

// checkQueryData: QueryDataResponse.responses (1, map<string, DataResponse>);
// DataResponse: frames 1 (repeated bytes), error 2.
func checkQueryData(conn *grpc.ClientConn, refID string) error {
	req := queryDataRequest(refID)
	var res []byte
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := conn.Invoke(ctx, "/pluginv2.Data/QueryData", &req, &res, grpc.ForceCodec(rawCodec{})); err != nil {
		return err
	}
	top, _, err := fields(res)
	if err != nil {
		return err
	}
	for _, entry := range top[1] {
		kv, _, err := fields(entry)
		if err != nil {
			return err
		}
		if len(kv[1]) != 1 || string(kv[1][0]) != refID || len(kv[2]) != 1 {
			continue
		}
		dr, _, err := fields(kv[2][0])
		if err != nil {
			return err
		}
		if len(dr[2]) > 0 && len(dr[2][0]) > 0 {
			return fmt.Errorf("refId %s answered with error %q", refID, dr[2][0])
		}
		if len(dr[1]) == 0 {
			return fmt.Errorf("refId %s: no frames", refID)
		}
		for i, frame := range dr[1] {
			if !bytes.HasPrefix(frame, []byte("ARROW1")) || !bytes.HasSuffix(frame, []byte("ARROW1")) {
				return fmt.Errorf("frame %d is not an Arrow IPC file (ARROW1 magic missing at head or tail)", i)
			}
			if !bytes.Contains(frame, []byte("refId")) {
				return fmt.Errorf("frame %d has no refId schema metadata", i)
			}
		}
		return nil
	}
	return fmt.Errorf("no response for refId %s in %d entries", refID, len(top[1]))
}

// CheckHealthResponse: status 1 (OK = 1), message 2.
func checkHealth(conn *grpc.ClientConn) error {
	req := msg(nil, 1, pluginContext())
	var res []byte
	if err := conn.Invoke(context.Background(), "/pluginv2.Diagnostics/CheckHealth", &req, &res, grpc.ForceCodec(rawCodec{})); err != nil {
		return err
	}
	b, v, err := fields(res)
	if err != nil {
		return err
	}
	if len(v[1]) != 1 || v[1][0] != 1 {
		return fmt.Errorf("status %v, want OK (1); message %q", v[1], b[2])
	}
	if len(b[2]) != 1 || len(b[2][0]) == 0 {
		return errors.New("empty message")
	}
	return nil
}

// CallResource is server-streaming: CallResourceResponse code 1, headers 2, body 3.
func callResource(conn *grpc.ClientConn) error {
	var req []byte
	req = msg(req, 1, pluginContext())
	req = str(req, 2, "/options/teams")
	req = str(req, 3, "GET")
	req = str(req, 4, "options/teams")
	stream, err := conn.NewStream(context.Background(), &grpc.StreamDesc{ServerStreams: true}, "/pluginv2.Resource/CallResource", grpc.ForceCodec(rawCodec{}))
	if err != nil {
		return err
	}
	if err := stream.SendMsg(&req); err != nil {
		return err
	}
	if err := stream.CloseSend(); err != nil {
		return err
	}
	var messages [][]byte
	for {
		var m []byte
		err := stream.RecvMsg(&m)
		if err == io.EOF {
			break
		}
		if err != nil {
			return err
		}
		messages = append(messages, m)
	}
	if len(messages) == 0 {
		return errors.New("no response message (Grafana: \"received empty resource response\")")
	}
	_, v, err := fields(messages[0])
	if err != nil {
		return err
	}
	if len(v[1]) != 1 || v[1][0] != 200 {
		return fmt.Errorf("first message code %v, want 200", v[1])
	}
	return nil
}

func unimplemented(conn *grpc.ClientConn) error {
	req := []byte{}
	var res []byte
	err := conn.Invoke(context.Background(), "/pluginv2.Stream/SubscribeStream", &req, &res, grpc.ForceCodec(rawCodec{}))
	if status.Code(err) != codes.Unimplemented {
		return fmt.Errorf("got %v, want Unimplemented", err)
	}
	return nil
}

// go-plugin re-logs each parsed hclog JSON line at its own level with a
// "timestamp" taken from @timestamp; an unparsable line (e.g. a 3-digit
// timestamp) would come out at debug level as raw text.
func logsParsed(hostLog string) error {
	for _, line := range strings.Split(hostLog, "\n") {
		if strings.Contains(line, `"@message":"plugin started"`) && strings.Contains(line, `"@level":"info"`) {
			if strings.Contains(line, `"timestamp":"0001-`) || !strings.Contains(line, `"timestamp":"20`) {
				return fmt.Errorf("timestamp not parsed: %s", line)
			}
			return nil
		}
	}
	return fmt.Errorf("no parsed \"plugin started\" info line in the host log:\n%s", hostLog)
}

func main() {
	exe := flag.String("exe", "dist/datasource/gpx_sloledger_linux_amd64", "backend executable")
	label := flag.String("label", "compat", "name on the summary line")
	flag.Parse()

	hostLog := &lockedBuffer{}
	logger := hclog.New(&hclog.LoggerOptions{Name: "compat", Level: hclog.Trace, Output: hostLog, JSONFormat: true})
	cmd := exec.Command(*exe)
	cmd.Env = []string{} // the environment go-plugin adds is all the plugin gets (SkipHostEnvVars-like)
	client := plugin.NewClient(&plugin.ClientConfig{
		HandshakeConfig: plugin.HandshakeConfig{
			ProtocolVersion:  2,
			MagicCookieKey:   "grafana_plugin_type",
			MagicCookieValue: "datasource",
		},
		VersionedPlugins: map[int]plugin.PluginSet{2: {"conn": connPlugin{}}},
		Cmd:              cmd,
		AllowedProtocols: []plugin.Protocol{plugin.ProtocolGRPC},
		Logger:           logger,
	})
	defer client.Kill()

	started := time.Now()
	rpcClient, err := client.Client()
	check("start: handshake accepted (protocol 2, grpc)", err)
	if err != nil {
		fmt.Println(hostLog.String())
		fmt.Printf("%s: %d passed, %d failed\n", *label, passed, failed)
		os.Exit(1)
	}
	fmt.Printf("     start to handshake: %d ms\n", time.Since(started).Milliseconds())
	check("Ping (grpc.health.v1 \"plugin\")", rpcClient.Ping())

	raw, err := rpcClient.Dispense("conn")
	check("dispense", err)
	if err == nil {
		conn := raw.(*grpc.ClientConn)
		check("Diagnostics.CheckHealth → OK", checkHealth(conn))
		check("Data.QueryData → Arrow file frames for refId A", checkQueryData(conn, "A"))
		check("Resource.CallResource → streamed 200", callResource(conn))
		check("Stream.SubscribeStream → Unimplemented", unimplemented(conn))
	}

	killed := time.Now()
	client.Kill()
	took := time.Since(killed)
	var killErr error
	if !client.Exited() {
		killErr = errors.New("process still running after Kill")
	} else if took >= 2*time.Second {
		killErr = fmt.Errorf("Kill took %v: no graceful exit after Shutdown (go-plugin force-killed)", took)
	}
	check(fmt.Sprintf("Kill → Shutdown and exit (%d ms)", took.Milliseconds()), killErr)
	check("stderr parsed as hclog JSON (level and @timestamp)", logsParsed(hostLog.String()))

	fmt.Printf("%s: %d passed, %d failed\n", *label, passed, failed)
	if failed > 0 {
		fmt.Println("host log:")
		fmt.Println(hostLog.String())
		os.Exit(1)
	}
}
