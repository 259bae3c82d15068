package engine_test

import (
	"strings"
	"testing"

	"github.com/apigexport/apigexport/engine"
)

// TestRefusalOrder: the export reads the APIs in one pass for all its
// refusals, and says what the passes one after the other said: in
// OpenAPI 3.0 a custom authorizer whose scheme is not a component name
// before any API that cannot be exported, even one of a lower ID, and
// in Swagger 2.0, which takes the name, that API.
func TestRefusalOrder(t *testing.T) {
	b := loadSample(t)
	for i := range b.Authorizers {
		b.Authorizers[i].Name = "shop_é"
	}
	order := findAPI(b, "GetOrder")
	if order.AuthType != "AUTHORIZER" {
		t.Fatalf("GetOrder's auth type is %s, want AUTHORIZER", order.AuthType)
	}
	first := &b.APIs[0]
	for i := range b.APIs {
		if a := &b.APIs[i]; a.ID < first.ID {
			first = a
		}
	}
	if first.ID >= order.ID {
		t.Fatalf("no API has an ID below GetOrder's %s", order.ID)
	}
	first.BackendType = "GRPC"
	req := engine.Request{GroupID: groupID, EnvID: release, Version: "v", OASVersion: "3.0"}
	_, err := engine.Export(b, req, engine.Options{})
	if err == nil || !strings.Contains(err.Error(), "apig-auth-custom-shop_é is not a component name") {
		t.Errorf("OpenAPI 3.0: %v, want the authorizer's name refused", err)
	}
	req.OASVersion = ""
	_, err = engine.Export(b, req, engine.Options{})
	if want := "API " + first.Name + " (" + first.ID + ") has a GRPC backend"; err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("Swagger 2.0: %v, want %q", err, want)
	}
}
