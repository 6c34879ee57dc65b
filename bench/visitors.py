"""Bench-only middleware: the load generator names the visitor's address in X-Bench-Visitor,
as a reverse proxy would in production, so one wrk on 127.0.0.1 can play thousands of visitors
on hundreds of networks (the shape of honest traffic the traffic rules must not mistake for a
flood). Without the header the request keeps its own address."""


def bench_visitor(get_response):
    def middleware(request):
        visitor = request.META.get("HTTP_X_BENCH_VISITOR")
        if visitor:
            request.META["REMOTE_ADDR"] = visitor
        return get_response(request)

    return middleware
