import Cortex

/// The factories that rebuild every built-in layer from its `config`. A new built-in layer adds
/// its entry here or in the table of its family (sequence, attention, preprocessing); a test
/// fails while a public layer class has none.
enum BuiltinLayers {
    static let factories: [String: LayerRegistry.Factory] = {
        var table: [String: LayerRegistry.Factory] = [
            "Dense": { c in
                Dense(try c.int("units", atLeast: 1), activation: try c.activation(), useBias: try c.bool("use_bias"),
                      kernelInitializer: try c.initializer("kernel_initializer"), biasInitializer: try c.initializer("bias_initializer"),
                      kernelRegularizer: try c.regularizer("kernel_regularizer"), biasRegularizer: try c.regularizer("bias_regularizer"),
                      name: try c.name)
            },
            "Activation": { c in Activation(try c.activation(), name: try c.name) },
            "Dropout": { c in
                Dropout(try c.rate("rate"), noiseShape: c.contains("noise_shape") ? try c.ints("noise_shape", atLeast: 1) : nil, name: try c.name)
            },
            "Flatten": { c in Flatten(name: try c.name) },
            "Permute": { c in Permute(try c.ints("dims", atLeast: 1), name: try c.name) },
            "RepeatVector": { c in RepeatVector(try c.int("n", atLeast: 1), name: try c.name) },
            "Reshape": { c in Reshape(try c.ints("target_shape", atLeast: -1), name: try c.name) },
            "Concatenate": { c in Concatenate(axis: try c.int("axis"), name: try c.name) },
            "Add": { c in Add(name: try c.name) },
            "Subtract": { c in Subtract(name: try c.name) },
            "Multiply": { c in Multiply(name: try c.name) },
            "Maximum": { c in Maximum(name: try c.name) },
            "Minimum": { c in Minimum(name: try c.name) },
            "Average": { c in Average(name: try c.name) },
            "Conv1D": { c in
                Conv1D(try c.int("filters", atLeast: 1), kernelSize: try c.size1D("kernel_size"), strides: try c.size1D("strides"),
                       padding: try c.padding(), dilationRate: try c.size1D("dilation_rate"), activation: try c.activation(),
                       useBias: try c.bool("use_bias"), kernelInitializer: try c.initializer("kernel_initializer"),
                       biasInitializer: try c.initializer("bias_initializer"), kernelRegularizer: try c.regularizer("kernel_regularizer"),
                       biasRegularizer: try c.regularizer("bias_regularizer"), name: try c.name)
            },
            "Conv2D": { c in
                Conv2D(try c.int("filters", atLeast: 1), kernelSize: try c.size2D("kernel_size"), strides: try c.size2D("strides"),
                       padding: try c.padding(), dilationRate: try c.size2D("dilation_rate"), activation: try c.activation(),
                       useBias: try c.bool("use_bias"), kernelInitializer: try c.initializer("kernel_initializer"),
                       biasInitializer: try c.initializer("bias_initializer"), kernelRegularizer: try c.regularizer("kernel_regularizer"),
                       biasRegularizer: try c.regularizer("bias_regularizer"), name: try c.name)
            },
            "Conv2DTranspose": { c in
                let outputPadding = c.contains("output_padding") ? try c.ints("output_padding", count: 2, atLeast: 0) : nil
                return Conv2DTranspose(
                    try c.int("filters", atLeast: 1), kernelSize: try c.size2D("kernel_size"), strides: try c.size2D("strides"),
                    padding: try c.padding(), outputPadding: outputPadding.map { Size2D($0[0], $0[1]) },
                    dilationRate: try c.size2D("dilation_rate"), activation: try c.activation(), useBias: try c.bool("use_bias"),
                    kernelInitializer: try c.initializer("kernel_initializer"), biasInitializer: try c.initializer("bias_initializer"),
                    kernelRegularizer: try c.regularizer("kernel_regularizer"), biasRegularizer: try c.regularizer("bias_regularizer"),
                    name: try c.name)
            },
            "DepthwiseConv2D": { c in
                DepthwiseConv2D(kernelSize: try c.size2D("kernel_size"), strides: try c.size2D("strides"), padding: try c.padding(),
                                depthMultiplier: try c.int("depth_multiplier", atLeast: 1), dilationRate: try c.size2D("dilation_rate"),
                                activation: try c.activation(), useBias: try c.bool("use_bias"),
                                depthwiseInitializer: try c.initializer("depthwise_initializer"),
                                biasInitializer: try c.initializer("bias_initializer"),
                                depthwiseRegularizer: try c.regularizer("depthwise_regularizer"),
                                biasRegularizer: try c.regularizer("bias_regularizer"), name: try c.name)
            },
            "SeparableConv2D": { c in
                SeparableConv2D(try c.int("filters", atLeast: 1), kernelSize: try c.size2D("kernel_size"), strides: try c.size2D("strides"),
                                padding: try c.padding(), depthMultiplier: try c.int("depth_multiplier", atLeast: 1),
                                dilationRate: try c.size2D("dilation_rate"), activation: try c.activation(), useBias: try c.bool("use_bias"),
                                kernelInitializer: try c.initializer("kernel_initializer"), biasInitializer: try c.initializer("bias_initializer"),
                                kernelRegularizer: try c.regularizer("kernel_regularizer"), biasRegularizer: try c.regularizer("bias_regularizer"),
                                name: try c.name)
            },
            "BatchNormalization": { c in
                BatchNormalization(momentum: try c.float("momentum"), epsilon: try c.float("epsilon"), center: try c.bool("center"),
                                   scale: try c.bool("scale"), name: try c.name)
            },
            "LayerNormalization": { c in
                LayerNormalization(epsilon: try c.float("epsilon"), center: try c.bool("center"), scale: try c.bool("scale"), name: try c.name)
            },
            "MaxPooling1D": { c in
                MaxPooling1D(poolSize: try c.size1D("pool_size"), strides: try c.size1D("strides"), padding: try c.padding(), name: try c.name)
            },
            "AveragePooling1D": { c in
                AveragePooling1D(poolSize: try c.size1D("pool_size"), strides: try c.size1D("strides"), padding: try c.padding(), name: try c.name)
            },
            "MaxPooling2D": { c in
                MaxPooling2D(poolSize: try c.size2D("pool_size"), strides: try c.size2D("strides"), padding: try c.padding(), name: try c.name)
            },
            "AveragePooling2D": { c in
                AveragePooling2D(poolSize: try c.size2D("pool_size"), strides: try c.size2D("strides"), padding: try c.padding(), name: try c.name)
            },
            "GlobalAveragePooling1D": { c in GlobalAveragePooling1D(keepDims: try c.bool("keepdims"), name: try c.name) },
            "GlobalMaxPooling1D": { c in GlobalMaxPooling1D(keepDims: try c.bool("keepdims"), name: try c.name) },
            "GlobalAveragePooling2D": { c in GlobalAveragePooling2D(keepDims: try c.bool("keepdims"), name: try c.name) },
            "GlobalMaxPooling2D": { c in GlobalMaxPooling2D(keepDims: try c.bool("keepdims"), name: try c.name) },
            "UpSampling2D": { c in UpSampling2D(size: try c.size2D("size"), name: try c.name) },
            "ZeroPadding2D": { c in ZeroPadding2D(padding: try c.borders("padding"), name: try c.name) },
            "Cropping2D": { c in Cropping2D(cropping: try c.borders("cropping"), name: try c.name) },
        ]
        table["InputLayer"] = { c in
            InputLayer(shape: Array(try c.ints("batch_shape", atLeast: -1).dropFirst()), name: try c.name)
        }
        return table.merging(sequenceFactories) { $1 }.merging(attentionFactories) { $1 }.merging(preprocessingFactories) { $1 }
    }()
}
