#!/usr/bin/python3
"""Writes iris_torch.onnx: what a PyTorch user brings (docs/onnx.md). An nn.Sequential
4-8-3 (ReLU, then softmax over the classes) for the iris data, as PyTorch initialises it
from seed 2026, exported by torch.onnx.export at its default opset: float32 Gemm nodes
(transB = 1) with the weights as initializers. tst_ui_window_onnx opens it in the window
and reads the same initializers itself; the screenshot in docs/onnx.md is of it.

    /usr/bin/python3 tests/data/onnx/make_iris_torch.py   # (re)writes the file beside it
"""
import os

import torch
import torch.nn as nn

torch.manual_seed(2026)
model = nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, 3), nn.Softmax(dim=-1))
here = os.path.dirname(os.path.abspath(__file__))
torch.onnx.export(model, torch.randn(1, 4), os.path.join(here, "iris_torch.onnx"),
                  input_names=["x"], output_names=["y"],
                  dynamic_axes={"x": {0: "batch"}, "y": {0: "batch"}})
