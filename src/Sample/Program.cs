using System;
using GradientDescent.Sample;

GeneratedSource.Show(typeof(Model), nameof(Model.CostGradient));

// The article's last paragraph: next, a bias and an activation function; and a larger fit with its loss curve.
Demos.Neuron(Console.Out);
Demos.Regression(Console.Out);
Console.WriteLine();

// The article itself, last, so its table ends the output.
SeedArticle.Train(Console.Out);
