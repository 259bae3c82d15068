package engine_test

import (
	"errors"
	"testing"
	"time"

	"github.com/apigexport/apigexport/engine"
)

// TestZeroNow: without a version the engine needs the time; a zero
// Options.Now is refused, not turned into 0001-01-01-00:00:00.
func TestZeroNow(t *testing.T) {
	b := loadSample(t)
	req := engine.Request{GroupID: groupID, EnvID: release}
	_, err := engine.Export(b, req, engine.Options{})
	var e *engine.Error
	if !errors.As(err, &e) || e.Status != 500 || e.Code != engine.CodeInternal || e.Param != "version" ||
		e.Message != "System error: the request has no version and Options.Now is zero: pass the export time (time.Now()) or a version" {
		t.Fatalf("zero Now: %#v", err)
	}
	req.Version = "1"
	if _, err := engine.Export(b, req, engine.Options{}); err != nil {
		t.Errorf("zero Now with a version: %v", err)
	}
	req.Version = ""
	res, err := engine.Export(b, req, engine.Options{Now: time.Date(2026, 1, 2, 3, 4, 5, 0, time.FixedZone("x", 3600))})
	if err != nil || res.FileName != "shop_api-RELEASE-spec-2026-01-02-02_04_05.json" {
		t.Errorf("Now in another zone: %v, %v", res, err)
	}
}
