"""`/api/docs`: the JSON API described from its OpenAPI schema, rendered here so that it works offline
(FastAPI's own docs pages load Swagger UI from a CDN, which a local review server must not need)."""

from __future__ import annotations

from fastapi import APIRouter, Request

from align.review.app import render

api = APIRouter()
pages = APIRouter(include_in_schema=False)


def _body_fields(schema: dict, operation: dict) -> list[dict]:
    """The request body's fields (name, type, required, description), resolved from `components`."""
    content = operation.get("requestBody", {}).get("content", {}).get("application/json", {})
    ref = content.get("schema", {}).get("$ref", "")
    model = schema.get("components", {}).get("schemas", {}).get(ref.rsplit("/", 1)[-1], {})
    required = set(model.get("required", []))
    return [{"name": name, "type": _type(spec), "required": name in required,
             "description": spec.get("description", "")}
            for name, spec in model.get("properties", {}).items()]


def _type(spec: dict) -> str:
    """`string`, `integer or null`, `array of string`: readable types from a JSON schema."""
    if "anyOf" in spec:
        return " or ".join(_type(option) for option in spec["anyOf"])
    if "enum" in spec:
        return "one of " + ", ".join(map(str, spec["enum"]))
    if spec.get("type") == "array":
        return "array of " + _type(spec.get("items", {}))
    return spec.get("type", "object")


@pages.get("/api/docs")
def api_docs(request: Request):
    schema = request.app.openapi()
    routes = []
    for path, methods in schema["paths"].items():
        for method, operation in methods.items():
            routes.append({"method": method.upper(), "path": path, "summary": operation.get("summary", ""),
                           "description": operation.get("description", ""),
                           "parameters": operation.get("parameters", []),
                           "body": _body_fields(schema, operation)})
    return render(request, "apidocs.html", title="JSON API", routes=routes, info=schema["info"])
