using System;
using System.Globalization;
using GradientDescent.Sample;

// The seed article, step for step: learn 1 m = 100 cm as y = w·x by gradient descent.
const double x = 1;        // the input: 1 m
const double yTrue = 100;  // its label: 100 cm
const double lr = 0.2;     // learning rate
const int steps = 60;
double w = 0.1;            // initial weight

GeneratedSource.Show(typeof(Model), "CostGradient");

for (int n = 0; n <= steps; n++)
{
    // CostGradient is generated at compile time: the cost and its exact derivative dw = ∂Cost/∂w = -(y - yOut)·x.
    double cost = Model.CostGradient(w, x, yTrue, out double dw);
    w -= lr * dw; // descend: the article's `w + lr * grad` with grad = -dw
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"steps:{n} E_cost:{cost:F3} w:{w:F3}"));
}
