package engine_test

import (
	"errors"
	"testing"

	"github.com/apigexport/apigexport/engine"
)

func TestCheckBundleSize(t *testing.T) {
	const limit = 210_000_000 // fits 10 MB
	for _, tc := range []struct {
		size, limit int64
		want        string // the message, "" for no error
	}{
		{size: 10_000_000, limit: limit},
		{size: 1 << 40, limit: 0},
		{size: 10_000_001, limit: limit, want: "the bundles are 10.0 MB, too large for this engine's 210.0 MB of memory: bundles of up to 10.0 MB fit (about 6756 APIs)"},
		{size: 500_000_000, limit: 3 << 30, want: "the bundles are 500.0 MB, too large for this engine's 3221.2 MB of memory: bundles of up to 153.4 MB fit (about 103643 APIs)"},
	} {
		err := engine.CheckBundleSize(tc.size, tc.limit)
		if tc.want == "" {
			if err != nil {
				t.Errorf("CheckBundleSize(%d, %d) = %v, want nil", tc.size, tc.limit, err)
			}
			continue
		}
		var e *engine.Error
		if !errors.As(err, &e) || e.Code != engine.CodeBundleTooLarge || e.Status != 413 || e.Param != "bundle" || e.Message != tc.want {
			t.Errorf("CheckBundleSize(%d, %d) = %#v, want 413 %s %q", tc.size, tc.limit, err, engine.CodeBundleTooLarge, tc.want)
		}
	}
}
