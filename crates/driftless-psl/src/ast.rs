//! The syntax tree of a schema: what was written, where, before any name is resolved.
//!
//! Every node carries a [`Span`] (whose [`FileId`] says which file of a multi-file schema it
//! comes from), so that later stages can point at the exact text. The tree keeps doc comments
//! (`///`) on the nodes they document and every comment (`//` and `///`) in
//! [`FileAst::comments`], which is what the formatter needs to put them back.

use driftless_diagnostics::{FileId, Span};

/// A whole schema: one [`FileAst`] per file, in the order the files were given.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SchemaAst {
    /// The files of the schema.
    pub files: Vec<FileAst>,
}

impl SchemaAst {
    /// Every top-level declaration of every file, in file order then source order.
    pub fn tops(&self) -> impl Iterator<Item = &Top> {
        self.files.iter().flat_map(|f| f.tops.iter())
    }

    /// The `model` blocks.
    pub fn models(&self) -> impl Iterator<Item = &Model> {
        self.tops().filter_map(|t| match t {
            Top::Model(m) => Some(m),
            _ => None,
        })
    }

    /// The `view` blocks.
    pub fn views(&self) -> impl Iterator<Item = &Model> {
        self.tops().filter_map(|t| match t {
            Top::View(m) => Some(m),
            _ => None,
        })
    }

    /// The composite `type` blocks.
    pub fn composite_types(&self) -> impl Iterator<Item = &Model> {
        self.tops().filter_map(|t| match t {
            Top::CompositeType(m) => Some(m),
            _ => None,
        })
    }

    /// The `enum` blocks.
    pub fn enums(&self) -> impl Iterator<Item = &Enum> {
        self.tops().filter_map(|t| match t {
            Top::Enum(e) => Some(e),
            _ => None,
        })
    }

    /// The `datasource` blocks.
    pub fn datasources(&self) -> impl Iterator<Item = &ConfigBlock> {
        self.tops().filter_map(|t| match t {
            Top::Datasource(c) => Some(c),
            _ => None,
        })
    }

    /// The `generator` blocks.
    pub fn generators(&self) -> impl Iterator<Item = &ConfigBlock> {
        self.tops().filter_map(|t| match t {
            Top::Generator(c) => Some(c),
            _ => None,
        })
    }
}

/// The declarations and comments of one file.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FileAst {
    /// Which file this is.
    pub file: FileId,
    /// Top-level declarations in source order.
    pub tops: Vec<Top>,
    /// Every `//` and `///` comment of the file in source order, including those also kept
    /// as documentation on a node.
    pub comments: Vec<Comment>,
}

/// A top-level declaration.
#[derive(Debug, Clone, PartialEq)]
pub enum Top {
    /// `model Name { … }`: a table.
    Model(Model),
    /// `view Name { … }`: a database view (Prisma creates no SQL for it).
    View(Model),
    /// `type Name { … }`: a composite type (MongoDB only; PostgreSQL does not support it).
    CompositeType(Model),
    /// `enum Name { … }`.
    Enum(Enum),
    /// `datasource name { … }`.
    Datasource(ConfigBlock),
    /// `generator name { … }`.
    Generator(ConfigBlock),
}

impl Top {
    /// The declared name.
    pub fn name(&self) -> &Ident {
        match self {
            Top::Model(m) | Top::View(m) | Top::CompositeType(m) => &m.name,
            Top::Enum(e) => &e.name,
            Top::Datasource(c) | Top::Generator(c) => &c.name,
        }
    }

    /// The whole block, keyword to closing brace.
    pub fn span(&self) -> Span {
        match self {
            Top::Model(m) | Top::View(m) | Top::CompositeType(m) => m.span,
            Top::Enum(e) => e.span,
            Top::Datasource(c) | Top::Generator(c) => c.span,
        }
    }

    /// The keyword that introduces the block, as written in the schema.
    pub fn keyword(&self) -> &'static str {
        match self {
            Top::Model(_) => "model",
            Top::View(_) => "view",
            Top::CompositeType(_) => "type",
            Top::Enum(_) => "enum",
            Top::Datasource(_) => "datasource",
            Top::Generator(_) => "generator",
        }
    }
}

/// A name as written, with where it is.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Ident {
    /// The name; dotted names (`db.VarChar`) are joined with dots.
    pub name: String,
    /// Where it is.
    pub span: Span,
}

/// Consecutive `///` lines in front of a declaration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Documentation {
    /// The lines without their `///` and the one space after it, joined with `\n`.
    pub text: String,
    /// From the first `///` to the end of the last line.
    pub span: Span,
}

/// One comment line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Comment {
    /// The comment as written, `//` or `///` included, without the line break.
    pub text: String,
    /// Whether it is a `///` doc comment.
    pub doc: bool,
    /// Where it is.
    pub span: Span,
}

/// A `model`, `view` or composite `type` block: they share their shape.
#[derive(Debug, Clone, PartialEq)]
pub struct Model {
    /// The model name (the table name unless `@@map` says otherwise).
    pub name: Ident,
    /// Fields in declaration order.
    pub fields: Vec<Field>,
    /// Block attributes (`@@id`, `@@map`, …) in declaration order.
    pub attributes: Vec<Attribute>,
    /// The `///` lines in front of the block.
    pub documentation: Option<Documentation>,
    /// The whole block, keyword to closing brace (or to where parsing gave up).
    pub span: Span,
    /// The keyword (`model`, `view`, `type`).
    pub keyword_span: Span,
    /// The braces' contents, from after `{` to before `}`.
    pub body_span: Span,
}

impl Model {
    /// The field with this name.
    pub fn field(&self, name: &str) -> Option<&Field> {
        self.fields.iter().find(|f| f.name.name == name)
    }

    /// The block attributes with this name (without `@@`).
    pub fn attributes_named<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Attribute> {
        self.attributes.iter().filter(move |a| a.name.name == name)
    }
}

/// One field of a model, view or composite type.
#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    /// The field name.
    pub name: Ident,
    /// The type, `None` when the line has no type (an error the parser reports).
    pub field_type: Option<FieldType>,
    /// Field attributes (`@id`, `@db.VarChar(255)`, …) in order.
    pub attributes: Vec<Attribute>,
    /// The `///` lines in front of the field (and a trailing `///` on its line).
    pub documentation: Option<Documentation>,
    /// A `//` or `///` comment after the field on the same line.
    pub trailing_comment: Option<Comment>,
    /// The field, name to last attribute (without a trailing comment).
    pub span: Span,
}

impl Field {
    /// The field attributes with this name (without `@`).
    pub fn attributes_named<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Attribute> {
        self.attributes.iter().filter(move |a| a.name.name == name)
    }

    /// The first field attribute with this name (without `@`).
    pub fn attribute(&self, name: &str) -> Option<&Attribute> {
        self.attributes.iter().find(|a| a.name.name == name)
    }

    /// The arity, `Required` when the type is missing.
    pub fn arity(&self) -> Arity {
        self.field_type
            .as_ref()
            .map_or(Arity::Required, |t| t.arity)
    }
}

/// How many values a field holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Arity {
    /// `Type`.
    Required,
    /// `Type?`.
    Optional,
    /// `Type[]`.
    List,
}

/// What a field's type names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TypeName {
    /// A built-in scalar, a model, an enum or a composite type, resolved later.
    Named(Ident),
    /// `Unsupported("…")`: a database type Prisma has no scalar for.
    Unsupported(StringLit),
}

/// A field type as written: `String`, `Post[]`, `Int?`, `Unsupported("circle")?`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldType {
    /// The type named.
    pub name: TypeName,
    /// `?`, `[]` or neither.
    pub arity: Arity,
    /// Set when `[]?` or `?[]` was written (both markers): an error the parser reports.
    pub both_markers: bool,
    /// The type's name, `Unsupported(…)` included, without markers.
    pub name_span: Span,
    /// The whole type, markers included.
    pub span: Span,
}

impl FieldType {
    /// The type's name as written (`Unsupported` for unsupported types).
    pub fn name(&self) -> &str {
        match &self.name {
            TypeName::Named(ident) => &ident.name,
            TypeName::Unsupported(_) => "Unsupported",
        }
    }
}

/// `@name(args)` on a field or `@@name(args)` on a block.
#[derive(Debug, Clone, PartialEq)]
pub struct Attribute {
    /// The name without `@`/`@@`; dotted names keep their dots (`db.VarChar`).
    pub name: Ident,
    /// The arguments; `None` when no parentheses were written (`@id` vs `@id()`).
    pub arguments: Option<ArgumentList>,
    /// Whether it is a block attribute (`@@`).
    pub block: bool,
    /// From `@` to the closing parenthesis.
    pub span: Span,
}

impl Attribute {
    /// The arguments, empty when no parentheses were written.
    pub fn args(&self) -> &[Argument] {
        self.arguments
            .as_ref()
            .map_or(&[], |a| a.arguments.as_slice())
    }

    /// The first positional (unnamed) argument.
    pub fn positional(&self) -> Option<&Argument> {
        self.args().iter().find(|a| a.name.is_none())
    }

    /// The named argument `name`.
    pub fn named(&self, name: &str) -> Option<&Argument> {
        self.args()
            .iter()
            .find(|a| a.name.as_ref().is_some_and(|n| n.name == name))
    }

    /// The named argument `name`, or else the first positional argument (for arguments
    /// such as `@@index(fields: [...])` that may be written either way).
    pub fn named_or_positional(&self, name: &str) -> Option<&Argument> {
        self.named(name).or_else(|| self.positional())
    }
}

/// A parenthesised argument list.
#[derive(Debug, Clone, PartialEq)]
pub struct ArgumentList {
    /// The arguments in order.
    pub arguments: Vec<Argument>,
    /// A comma after the last argument (Prisma accepts it).
    pub trailing_comma: bool,
    /// From `(` to `)`.
    pub span: Span,
}

/// One argument: `value` or `name: value`.
#[derive(Debug, Clone, PartialEq)]
pub struct Argument {
    /// The name of a named argument.
    pub name: Option<Ident>,
    /// The value; `None` for `name:` with nothing after it (an error the parser reports).
    pub value: Option<Expression>,
    /// The whole argument.
    pub span: Span,
}

/// A string literal as written, with its value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StringLit {
    /// The value, escapes resolved.
    pub value: String,
    /// The literal as written, quotes included.
    pub raw: String,
    /// Where it is.
    pub span: Span,
}

/// A function call: `env("URL")`, `now()`, `dbgenerated("…")`, `raw("…")`, or a field
/// reference with arguments inside an index (`title(ops: raw("gin_trgm_ops"))`).
#[derive(Debug, Clone, PartialEq)]
pub struct FunctionCall {
    /// The function name.
    pub name: Ident,
    /// Its arguments.
    pub arguments: ArgumentList,
    /// From the name to `)`.
    pub span: Span,
}

/// An argument value.
#[derive(Debug, Clone, PartialEq)]
pub enum Expression {
    /// `"text"`.
    String(StringLit),
    /// A number as written: `1`, `-2.5`.
    Number(String, Span),
    /// A name or dotted path: `Cascade`, `true`, `id`, `Foo.bar`.
    Constant(Ident),
    /// `name(args)`.
    Function(FunctionCall),
    /// `[a, b]`.
    Array(Vec<Expression>, Span),
}

impl Expression {
    /// Where it is.
    pub fn span(&self) -> Span {
        match self {
            Expression::String(s) => s.span,
            Expression::Number(_, span) | Expression::Array(_, span) => *span,
            Expression::Constant(ident) => ident.span,
            Expression::Function(call) => call.span,
        }
    }

    /// The value of a string literal.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Expression::String(s) => Some(&s.value),
            _ => None,
        }
    }

    /// The name of a constant.
    pub fn as_constant(&self) -> Option<&str> {
        match self {
            Expression::Constant(c) => Some(&c.name),
            _ => None,
        }
    }

    /// The items of an array.
    pub fn as_array(&self) -> Option<&[Expression]> {
        match self {
            Expression::Array(items, _) => Some(items),
            _ => None,
        }
    }

    /// The call, if the expression is a function call.
    pub fn as_function(&self) -> Option<&FunctionCall> {
        match self {
            Expression::Function(call) => Some(call),
            _ => None,
        }
    }

    /// A short description of the kind of value, for error messages.
    pub fn describe(&self) -> &'static str {
        match self {
            Expression::String(_) => "a string",
            Expression::Number(..) => "a number",
            Expression::Constant(_) => "a constant",
            Expression::Function(_) => "a function call",
            Expression::Array(..) => "an array",
        }
    }
}

/// An `enum` block.
#[derive(Debug, Clone, PartialEq)]
pub struct Enum {
    /// The enum name.
    pub name: Ident,
    /// The values in order.
    pub values: Vec<EnumValue>,
    /// Block attributes (`@@map`, `@@schema`).
    pub attributes: Vec<Attribute>,
    /// The `///` lines in front of the block.
    pub documentation: Option<Documentation>,
    /// The whole block.
    pub span: Span,
    /// The keyword.
    pub keyword_span: Span,
    /// The braces' contents.
    pub body_span: Span,
}

/// One value of an enum.
#[derive(Debug, Clone, PartialEq)]
pub struct EnumValue {
    /// The value's name.
    pub name: Ident,
    /// Attributes (`@map`).
    pub attributes: Vec<Attribute>,
    /// The `///` lines in front of it.
    pub documentation: Option<Documentation>,
    /// A comment after it on the same line.
    pub trailing_comment: Option<Comment>,
    /// The value and its attributes.
    pub span: Span,
}

/// A `datasource` or `generator` block: `key = value` lines.
#[derive(Debug, Clone, PartialEq)]
pub struct ConfigBlock {
    /// The block's name (`db`, `client`).
    pub name: Ident,
    /// The properties in order.
    pub properties: Vec<ConfigProperty>,
    /// The `///` lines in front of the block.
    pub documentation: Option<Documentation>,
    /// The whole block.
    pub span: Span,
    /// The keyword.
    pub keyword_span: Span,
    /// The braces' contents.
    pub body_span: Span,
}

impl ConfigBlock {
    /// The last property with this name (a repeated key is an error reported elsewhere).
    pub fn property(&self, name: &str) -> Option<&ConfigProperty> {
        self.properties.iter().rev().find(|p| p.name.name == name)
    }
}

/// `key = value` inside a datasource or generator.
#[derive(Debug, Clone, PartialEq)]
pub struct ConfigProperty {
    /// The key.
    pub name: Ident,
    /// The value; `None` when nothing valid follows `=`.
    pub value: Option<Expression>,
    /// A comment after it on the same line.
    pub trailing_comment: Option<Comment>,
    /// Key to value.
    pub span: Span,
}

/// Writes an argument list as Prisma's formatter does: `(a, name: b)`.
impl std::fmt::Display for ArgumentList {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("(")?;
        for (i, argument) in self.arguments.iter().enumerate() {
            if i > 0 {
                f.write_str(", ")?;
            }
            write!(f, "{argument}")?;
        }
        f.write_str(")")
    }
}

/// Writes an argument as Prisma's formatter does: `value` or `name: value`.
impl std::fmt::Display for Argument {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if let Some(name) = &self.name {
            write!(f, "{}: ", name.name)?;
        }
        if let Some(value) = &self.value {
            write!(f, "{value}")?;
        }
        Ok(())
    }
}

/// Writes a value as Prisma's formatter does; strings and numbers exactly as written.
impl std::fmt::Display for Expression {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Expression::String(s) => f.write_str(&s.raw),
            Expression::Number(n, _) => f.write_str(n),
            Expression::Constant(c) => f.write_str(&c.name),
            Expression::Function(call) => write!(f, "{}{}", call.name.name, call.arguments),
            Expression::Array(items, _) => {
                f.write_str("[")?;
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    write!(f, "{item}")?;
                }
                f.write_str("]")
            }
        }
    }
}

/// Writes an attribute as Prisma's formatter does: `@name(args)` or `@@name(args)`.
impl std::fmt::Display for Attribute {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(if self.block { "@@" } else { "@" })?;
        f.write_str(&self.name.name)?;
        if let Some(arguments) = &self.arguments {
            write!(f, "{arguments}")?;
        }
        Ok(())
    }
}
