// backprop-cli export: a saved model (JSON or ONNX) written as ONNX (--onnx, the normaliser
// included, so the file takes raw inputs) and/or as our model JSON (--json), both atomically.
#include "commands.h"
#include "options.h"

#include "io/model_file.h"
#include "io/onnx_writer.h"

#include <cstdio>
#include <memory>

namespace cli {

namespace {
struct ExportOptions {
    ModelOptions model;
    std::string onnx, json, precision = "float";
};

int runExport(const ExportOptions& o) {
    if (o.onnx.empty() && o.json.empty())
        throw UsageError("give --onnx OUT.onnx and/or --json OUT.json");
    const bp::Model model = loadModelFor(o.model);
    if (!o.onnx.empty()) {
        bp::saveOnnxModel(model, o.onnx, *bp::onnxPrecisionFromString(o.precision));
        std::printf("saved %s (ONNX, %s)\n", o.onnx.c_str(), o.precision.c_str());
    }
    if (!o.json.empty()) {
        bp::saveModel(model, o.json);
        std::printf("saved %s\n", o.json.c_str());
    }
    return 0;
}
} // namespace

void addExportCommand(CLI::App& app, int& result) {
    auto o = std::make_shared<ExportOptions>();
    CLI::App* c = app.add_subcommand("export", "write a saved model as ONNX or as model JSON");
    addModelOption(*c, o->model, true);
    c->add_option("--onnx", o->onnx,
                  "ONNX file: Sub/Div normaliser, Gemm and activation nodes, input \"input\" and "
                  "output \"output\" with a dynamic batch dimension");
    c->add_option("--onnx-precision", o->precision, "weights and values of --onnx (default float)")
        ->check(oneOf({"float", "double"}));
    c->add_option("--json", o->json, "model JSON (e.g. of an ONNX model)");
    c->callback([o, &result] { result = runExport(*o); });
}

} // namespace cli
