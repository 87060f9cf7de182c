using System;
using GradientDescent.Sample;

GeneratedSource.Show(typeof(Model), nameof(Model.CostGradient));
SeedArticle.Train(Console.Out);
