namespace GradientDescent.Generator.Model;

internal enum UnaryOperator
{
    Negate,
    Not,
}

internal enum BinaryOperator
{
    Add,
    Subtract,
    Multiply,
    Divide,
    LessThan,
    LessThanOrEqual,
    GreaterThan,
    GreaterThanOrEqual,
    Equal,
    NotEqual,
    And,
    Or,
}

internal static class BinaryOperatorFacts
{
    public static bool IsArithmetic(this BinaryOperator op) => op <= BinaryOperator.Divide;

    public static bool IsComparison(this BinaryOperator op) =>
        op >= BinaryOperator.LessThan && op <= BinaryOperator.NotEqual;

    public static string Token(this BinaryOperator op) => op switch
    {
        BinaryOperator.Add => "+",
        BinaryOperator.Subtract => "-",
        BinaryOperator.Multiply => "*",
        BinaryOperator.Divide => "/",
        BinaryOperator.LessThan => "<",
        BinaryOperator.LessThanOrEqual => "<=",
        BinaryOperator.GreaterThan => ">",
        BinaryOperator.GreaterThanOrEqual => ">=",
        BinaryOperator.Equal => "==",
        BinaryOperator.NotEqual => "!=",
        BinaryOperator.And => "&&",
        _ => "||",
    };
}
