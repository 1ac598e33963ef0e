import DigitNet

extension Network {
    /// The forward pass on a grey `side`×`side` image (a preprocessed drawing, 28×28 like
    /// MNIST), met the way `predict`, training and evaluation meet another input size
    /// (area-resampled to the model's height and width, repeated over its channels); a
    /// 1×28×28 model runs on the values as they are.
    func forward(grey values: [Float], side: Int = 28) -> Trace {
        forward(Prediction.fitted(Tensor(shape: [1, side, side], data: values), to: inputShape))
    }
}
