package engine

import (
	"slices"
	"testing"

	"github.com/apigexport/apigexport/engine/internal/tree"
	"github.com/apigexport/apigexport/model"
	"github.com/apigexport/apigexport/model/bundlegen"
)

// TestBindPlugins holds bind to one x-apigateway-plugins list for the
// APIs bound to the same plugin alone, shared rather than one each, and
// to a list of its own, sorted, for an API bound to several.
func TestBindPlugins(t *testing.T) {
	b := bundlegen.Generate(40, 1)
	b.Plugins = append(b.Plugins, model.Plugin{PluginID: "plug0", PluginName: "a_plugin", PluginType: "cors"})
	several := b.APIs[0].ID // bound to plug1 by bundlegen
	b.PluginBindings = append(b.PluginBindings, model.PluginBinding{APIID: several, EnvID: model.DefaultEnvID, PluginID: "plug0"})
	x, err := newExporter(b, Request{GroupID: bundlegen.GroupID, EnvID: model.DefaultEnvID, Define: DefineAll, Version: "v"}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer x.release()
	if _, err := x.root(); err != nil {
		t.Fatal(err)
	}
	var shared *any // the first single-plugin list's first element
	alone := 0
	for at, a := range x.apis {
		if x.bound == nil || x.bound[at].plugins == nil {
			continue
		}
		list, _ := x.bound[at].plugins.(tree.Arr)
		if a.ID == several {
			if !slices.Equal(list, tree.Arr{"a_plugin", "cors_plugin"}) {
				t.Errorf("API %s: plugins %v, want [a_plugin cors_plugin]", a.ID, list)
			}
			continue
		}
		if !slices.Equal(list, tree.Arr{"cors_plugin"}) {
			t.Fatalf("API %s: plugins %v, want [cors_plugin]", a.ID, list)
		}
		alone++
		if shared == nil {
			shared = &list[0]
		} else if &list[0] != shared {
			t.Errorf("API %s: its plugin list is its own, not the one of the APIs bound to cors_plugin alone", a.ID)
		}
	}
	if alone < 2 {
		t.Fatalf("%d APIs bound to one plugin, want at least 2", alone)
	}
}
